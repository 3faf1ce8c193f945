// fuzz_dkim.cpp - libFuzzer target for DKIM canonicalization and signing
//
// Splits arbitrary bytes into header fields and body, canonicalizes both
// with RFC 6376 "relaxed" and checks what section 3.4 promises: one line
// per header field, lower-case names, no whitespace runs, at the line ends
// or around the colon, only CRLF line ends, no empty lines at the end of the
// body, and canonicalizing twice changes nothing. The split must account
// for the input (the body is its tail). The message is then signed with a
// fixed Ed25519 key (RFC 8463's example key): signing succeeds exactly when
// the message has a From field, and the DKIM-Signature field is folded
// within the line limit with CRLF only.
//
// SECURITY: this is the code that reads every message a user submits
// before it is signed (daemon/dkim/DkimCanonicalization.cpp,
// DkimSigner.cpp).

#include "dkim/DkimCanonicalization.h"
#include "dkim/DkimKey.h"
#include "dkim/DkimSigner.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace Qt::StringLiterals;
using namespace mailstead::dkim;

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

bool isWsp(char c) {
    return c == ' ' || c == '\t';
}

// Only CRLF line ends, no whitespace before them, no tabs, no double spaces.
void requireCanonicalLines(const QByteArray &text) {
    for (qsizetype i = 0; i < text.size(); ++i) {
        const char c = text.at(i);
        require(c != '\t');
        if (c == '\n')
            require(i > 0 && text.at(i - 1) == '\r');
        if (c == '\r' && i + 1 < text.size() && text.at(i + 1) == '\n')
            require(i == 0 || !isWsp(text.at(i - 1)));
        if (c == ' ')
            require(i + 1 == text.size() || text.at(i + 1) != ' ');
    }
}

const DkimSigner &signer() {
    static const DkimSigner instance = [] {
        const QByteArray der =
            QByteArray::fromHex("302e020100300506032b657004220420") +
            QByteArray::fromBase64("nWGxne/9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A=");
        QString error;
        DkimPrivateKey key = DkimPrivateKey::fromPem(
            "-----BEGIN PRIVATE KEY-----\n" + der.toBase64() + "\n-----END PRIVATE KEY-----\n",
            &error);
        require(!key.isNull());
        return DkimSigner(std::move(key), u"example.test"_s, u"fuzz"_s);
    }();
    return instance;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArray message(reinterpret_cast<const char *>(data), qsizetype(size));
    const DkimMessageParts parts = splitMessage(message);

    // The body is the tail of the input; the fields fit in front of it.
    require(message.endsWith(parts.body));
    qsizetype fieldBytes = 0;
    bool hasFrom = false;
    for (const DkimHeaderField &field : parts.headers) {
        require(!field.field.isEmpty());
        require(message.contains(field.field));
        require(field.field.startsWith(field.name));
        fieldBytes += field.field.size();
        hasFrom = hasFrom || field.name.compare("from", Qt::CaseInsensitive) == 0;

        const QByteArray canonical = relaxedHeader(field.field);
        require(canonical.endsWith("\r\n"));
        require(canonical.count('\n') == 1);
        const qsizetype colon = canonical.indexOf(':');
        require(colon >= 0);
        const QByteArray name = canonical.left(colon);
        require(name == name.toLower());
        require(!name.contains(' '));
        const QByteArray value = canonical.mid(colon + 1).chopped(2);
        require(!value.startsWith(' ') && !value.endsWith(' '));
        requireCanonicalLines(canonical);
        require(relaxedHeader(canonical.chopped(2)) == canonical);
    }
    require(fieldBytes + parts.body.size() <= message.size());

    const QByteArray body = relaxedBody(parts.body);
    requireCanonicalLines(body);
    require(body.isEmpty() || body.endsWith("\r\n"));
    require(!body.endsWith("\r\n\r\n") && body != "\r\n");
    require(relaxedBody(body) == body);

    const DkimSignResult signature = signer().sign(message, 1795000000);
    require(signature.ok() == hasFrom);
    if (signature.ok()) {
        require(signature.header.startsWith("DKIM-Signature: v=1; a=ed25519-sha256;"));
        require(signature.header.endsWith("\r\n"));
        const QByteArrayList lines = signature.header.split('\n');
        for (const QByteArray &line : lines)
            require(line.size() <= maxSignatureLineLength + 1); // + the CR
        require(signature.header.count('\n') == signature.header.count("\r\n"));
    }
    return 0;
}
