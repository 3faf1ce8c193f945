// fuzz_client_hello.cpp - libFuzzer target for the TLS ClientHello parser
//
// Parses arbitrary bytes whole and as prefixes cut where the input itself
// says, and requires that a verdict reached on a prefix is the verdict on
// the whole input (the parser decides on what it has seen, as the
// listeners feed it more and more bytes), that a server name is a lower-case
// host name without a trailing dot, and that errors carry a message.
//
// SECURITY: this is the code that sees the first bytes of every
// unauthenticated TLS peer (daemon/tls/ClientHelloParser.cpp).

#include "tls/ClientHelloParser.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using namespace mailstead::tls;

namespace {

void require(bool condition) {
    if (!condition)
        std::abort();
}

void checkResult(const ClientHelloParse &result) {
    switch (result.status) {
    case ClientHelloParse::Status::Incomplete:
        require(result.serverName.isEmpty() && result.error.isEmpty());
        return;
    case ClientHelloParse::Status::Error:
        require(!result.error.isEmpty() && result.serverName.isEmpty());
        return;
    case ClientHelloParse::Status::Ok:
        break;
    }
    require(result.error.isEmpty());
    const QString &name = result.serverName;
    require(name.size() <= maxServerNameBytes);
    require(!name.endsWith(u'.') && !name.startsWith(u'.'));
    for (const QChar c : name)
        require((c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9') || c == u'-' || c == u'_' ||
                c == u'.');
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size) {
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    const ClientHelloParse whole = parseClientHello(input);
    checkResult(whole);

    std::uint32_t state = 2166136261u;
    for (std::size_t i = 0; i < size; ++i)
        state = (state ^ data[i]) * 16777619u;
    for (int cut = 0; cut < 8 && size > 0; ++cut) {
        state = state * 1103515245u + 12345u; // fixed LCG: reproducible cuts
        const qsizetype length = qsizetype((state >> 8) % size);
        const ClientHelloParse prefix = parseClientHello(input.first(length));
        checkResult(prefix);
        if (prefix.status == ClientHelloParse::Status::Incomplete)
            continue;
        require(prefix.status == whole.status);
        require(prefix.serverName == whole.serverName);
        require(prefix.error == whole.error);
    }
    return 0;
}
