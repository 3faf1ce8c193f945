// MimeParameters.h - Content-Type, Content-Disposition and their parameters
//
// RFC 2045 section 5.1 (Content-Type syntax, tokens, quoted-string
// values), section 5.2 (defaults: text/plain; charset=us-ascii), section
// 6.1 (Content-Transfer-Encoding); RFC 2183 section 2 (Content-
// Disposition); RFC 2231 sections 3-4 (parameter continuations
// "name*0", "name*1", and charset/language with percent-encoding
// "name*=utf-8'en'%E2%82%AC"); RFC 3282 section 2 (Content-Language).
//
// Lenient with what mail in the wild sends: unquoted values that contain
// tspecials ("boundary=----=_Part_1"), comments anywhere, junk between
// parameters (skipped to the next ';'), RFC 2047 encoded words inside
// quoted values (decoded into `text` only), continuation sections out of
// order. Names keep the case they were written in; lookups ignore case.
//
// SECURITY: input is an untrusted header value (bounded by
// MimeLimits::maxHeaderBytes); continuation sections are sorted, not
// indexed, so a large section number costs nothing.
#pragma once

#include <optional>
#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QString>

namespace mailstead::mime {

struct MimeParameter {
    QByteArray name;       // as written, RFC 2231 section suffixes removed
    QByteArray value;      // continuations joined; extended sections percent-decoded
    bool extended = false; // RFC 2231 charset form ("name*"): value is in `charset`
    QByteArray charset;    // extended only; may be empty
    QByteArray language;   // extended only; may be empty
    QString text;          // the value decoded for display and search
    bool unknownCharset = false;
};

struct ContentType {
    QByteArray type = "text";     // as written
    QByteArray subtype = "plain"; // as written
    QList<MimeParameter> parameters;
    bool valid = false; // false: absent or unparsable; the defaults above apply

    bool is(QByteArrayView type) const;
    bool is(QByteArrayView type, QByteArrayView subtype) const;
};

struct ContentDisposition {
    QByteArray type; // as written ("attachment", "inline", ...)
    QList<MimeParameter> parameters;
};

// An unfolded field value; invalid syntax gives the RFC 2045 defaults.
ContentType parseContentType(QByteArrayView value);
// nullopt when there is no disposition type.
std::optional<ContentDisposition> parseContentDisposition(QByteArrayView value);
// The first parameter of that name (case-insensitive), or nullptr.
const MimeParameter *findParameter(const QList<MimeParameter> &parameters, QByteArrayView name);
// Language tags, comments dropped ("en (English), fr" -> en, fr).
QList<QByteArray> parseLanguageList(QByteArrayView value);
// The mechanism token as written; empty when there is none.
QByteArray parseTransferEncoding(QByteArrayView value);
// RFC 2231 section 7 attribute-chars are kept, every other byte is %XX.
QByteArray percentEncode(QByteArrayView bytes);

} // namespace mailstead::mime
