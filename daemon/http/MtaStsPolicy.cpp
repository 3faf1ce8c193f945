// MtaStsPolicy.cpp - see MtaStsPolicy.h
//
// RFC 8461 section 3.2.
//
// SECURITY: output only.
#include "MtaStsPolicy.h"

namespace mailstead::http {

QByteArray mtaStsPolicyText(core::MtaStsMode mode, const QStringList &mxHosts,
                            qint64 maxAgeSeconds) {
    QByteArray text = "version: STSv1\r\n";
    text += "mode: " + core::mtaStsModeName(mode).toLatin1() + "\r\n";
    for (const QString &host : mxHosts)
        text += "mx: " + host.toLatin1() + "\r\n";
    text += "max_age: " + QByteArray::number(maxAgeSeconds) + "\r\n";
    return text;
}

} // namespace mailstead::http
