// SaslPlain.cpp - RFC 4616 section 2 message decoding
#include "SaslPlain.h"

#include <QStringDecoder>

namespace mailstead::core {

namespace {

constexpr qsizetype maxPartOctets = 255; // RFC 4616 section 2

std::optional<QString> utf8Part(QByteArrayView part) {
    if (part.size() > maxPartOctets)
        return std::nullopt;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString text = decoder.decode(part);
    if (decoder.hasError())
        return std::nullopt;
    return text;
}

} // namespace

std::optional<SaslPlainMessage> decodeSaslPlain(QByteArrayView message) {
    const qsizetype first = message.indexOf('\0');
    if (first < 0)
        return std::nullopt;
    const qsizetype second = message.sliced(first + 1).indexOf('\0');
    if (second < 0)
        return std::nullopt;
    const QByteArrayView authzid = message.first(first);
    const QByteArrayView authcid = message.sliced(first + 1, second);
    const QByteArrayView password = message.sliced(first + 1 + second + 1);
    if (authcid.isEmpty() || password.isEmpty() || password.contains('\0'))
        return std::nullopt;
    const auto z = utf8Part(authzid);
    const auto c = utf8Part(authcid);
    const auto p = utf8Part(password);
    if (!z || !c || !p)
        return std::nullopt;
    return SaslPlainMessage{*z, *c, *p};
}

} // namespace mailstead::core
