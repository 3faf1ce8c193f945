// DkimSigner.cpp - see DkimSigner.h
#include "DkimSigner.h"

#include "DkimCanonicalization.h"

#include <QCryptographicHash>
#include <QHash>

using namespace Qt::StringLiterals;

namespace mailstead::dkim {

namespace {

constexpr qsizetype maxDnsLabelLength = 63; // RFC 1035 section 2.3.4
constexpr qsizetype maxDnsNameLength = 253;

// Letters, digits and hyphens, not at either end of a label. The signing
// domain may also hold underscores (RFC 8552 names); a selector may not.
bool isDnsName(const QString &name, bool allowUnderscore) {
    if (name.isEmpty() || name.size() > maxDnsNameLength)
        return false;
    const QStringList labels = name.split(u'.');
    for (const QString &label : labels) {
        if (label.isEmpty() || label.size() > maxDnsLabelLength || label.startsWith(u'-') ||
            label.endsWith(u'-'))
            return false;
        for (const QChar c : label) {
            const bool ok = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') ||
                            (c >= u'0' && c <= u'9') || c == u'-' || (allowUnderscore && c == u'_');
            if (!ok)
                return false;
        }
    }
    return true;
}

// Builds a header field folded at maxSignatureLineLength: pieces are kept
// whole, and a fold ("\r\n\t") goes before a piece that would not fit.
class FoldedField {
public:
    explicit FoldedField(const QByteArray &start)
        : m_text(start)
        , m_column(start.size()) {}

    // separator: what goes between the previous piece and this one on the
    // same line (a space between tags, nothing inside a tag value).
    void append(const QByteArray &piece, const QByteArray &separator) {
        if (m_column + separator.size() + piece.size() > maxSignatureLineLength) {
            m_text.append("\r\n\t");
            m_column = 8; // a tab, as most readers show it
        } else {
            m_text.append(separator);
            m_column += separator.size();
        }
        m_text.append(piece);
        m_column += piece.size();
    }

    const QByteArray &text() const { return m_text; }

private:
    QByteArray m_text;
    qsizetype m_column;
};

// The h= list: every chosen name as often as it occurs plus once (section
// 8.15), and the instances that the names select, bottom-up (section 5.4.2).
struct HeaderSelection {
    QByteArrayList names;
    QByteArray canonical; // the selected fields, relaxed, in h= order
};

HeaderSelection selectHeaders(const QList<DkimHeaderField> &headers) {
    QHash<QByteArray, QList<qsizetype>> occurrences; // lower-case name -> indexes
    for (qsizetype i = 0; i < headers.size(); ++i)
        occurrences[headers.at(i).name.toLower()].append(i);

    HeaderSelection selection;
    const auto add = [&](const QByteArray &name, bool always) {
        const QList<qsizetype> indexes = occurrences.value(name);
        if (indexes.isEmpty() && !always)
            return;
        for (qsizetype k = indexes.size() - 1; k >= 0; --k) {
            selection.names.append(name);
            selection.canonical.append(relaxedHeader(headers.at(indexes.at(k)).field));
        }
        selection.names.append(name); // the oversigning entry selects nothing
    };
    const QByteArrayList always = DkimSigner::alwaysSignedFields();
    for (const QByteArray &name : always)
        add(name, true);
    const QByteArrayList whenPresent = DkimSigner::signedWhenPresentFields();
    for (const QByteArray &name : whenPresent)
        add(name, false);
    return selection;
}

} // namespace

bool isValidSelector(const QString &selector) {
    return isDnsName(selector, false);
}

DkimSigner::DkimSigner(DkimPrivateKey key, QString domain, QString selector)
    : m_key(std::move(key))
    , m_domain(std::move(domain))
    , m_selector(std::move(selector)) {}

QByteArrayList DkimSigner::alwaysSignedFields() {
    return {"from",
            "sender",
            "reply-to",
            "subject",
            "date",
            "message-id",
            "to",
            "cc",
            "in-reply-to",
            "references",
            "mime-version",
            "content-type",
            "content-transfer-encoding"};
}

QByteArrayList DkimSigner::signedWhenPresentFields() {
    return {"content-id",
            "content-description",
            "content-language",
            "resent-date",
            "resent-from",
            "resent-sender",
            "resent-to",
            "resent-cc",
            "resent-message-id",
            "list-id",
            "list-help",
            "list-unsubscribe",
            "list-unsubscribe-post",
            "list-subscribe",
            "list-post",
            "list-owner",
            "list-archive",
            "autocrypt"};
}

DkimSignResult DkimSigner::sign(const QByteArray &message, qint64 signingTime) const {
    DkimSignResult result;
    if (m_key.isNull()) {
        result.error = u"No DKIM key for "_s + m_domain + u'.';
        return result;
    }
    if (!isDnsName(m_domain, true)) {
        result.error = u"\""_s + m_domain + u"\" is not a DKIM signing domain."_s;
        return result;
    }
    if (!isValidSelector(m_selector)) {
        result.error = u"\""_s + m_selector + u"\" is not a DKIM selector."_s;
        return result;
    }
    if (signingTime < 0) {
        result.error = u"The signing time is before 1970."_s;
        return result;
    }

    const DkimMessageParts parts = splitMessage(message);
    const HeaderSelection selection = selectHeaders(parts.headers);
    if (!selection.names.startsWith("from") || selection.names.count("from") < 2) {
        result.error = u"The message has no From field, which DKIM must sign (RFC 6376 "
                       "section 5.4)."_s;
        return result;
    }
    const QByteArray bodyHash =
        QCryptographicHash::hash(relaxedBody(parts.body), QCryptographicHash::Sha256).toBase64();

    FoldedField field("DKIM-Signature:");
    field.append("v=1;", " ");
    field.append("a=" + signatureAlgorithm(m_key.algorithm()) + ';', " ");
    field.append("c=relaxed/relaxed;", " ");
    field.append("d=" + m_domain.toLower().toLatin1() + ';', " ");
    field.append("s=" + m_selector.toLatin1() + ';', " ");
    field.append("t=" + QByteArray::number(signingTime) + ';', " ");
    for (qsizetype i = 0; i < selection.names.size(); ++i) {
        const bool last = i + 1 == selection.names.size();
        const QByteArray piece = (i == 0 ? "h=" : ":") + selection.names.at(i) + (last ? ";" : "");
        field.append(piece, i == 0 ? " " : "");
    }
    field.append("bh=" + bodyHash + ';', " ");
    field.append("b=", " ");

    // Section 3.7: the signature field itself is hashed last, with an empty
    // b= value and without its final CRLF.
    QByteArray signedData = selection.canonical + relaxedHeader(field.text());
    signedData.chop(2);
    const QByteArray signature = m_key.sign(signedData, &result.error).toBase64();
    if (!result.ok())
        return result;

    // Folding inside the b= value is whitespace that verifiers remove.
    constexpr qsizetype chunkSize = 64;
    for (qsizetype i = 0; i * chunkSize < signature.size(); ++i)
        field.append(signature.mid(i * chunkSize, chunkSize), "");
    result.header = field.text() + "\r\n";
    return result;
}

} // namespace mailstead::dkim
