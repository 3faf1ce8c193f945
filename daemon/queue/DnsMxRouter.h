// DnsMxRouter.h - MxRouter on daemon/dns's asynchronous resolver
//
// RFC 5321 section 5.1 (MX in preference order, A/AAAA of the domain when
// it has no MX; an MX pointing at a name without addresses is skipped),
// RFC 7505 section 3 (null MX), RFC 5321 section 5.1 again for what counts
// as temporary: a DNS failure (SERVFAIL, timeout) defers, NXDOMAIN or "no
// MX and no address" fails. IPv4 addresses of a host are tried before its
// IPv6 ones (loopback tests and most peers have v4).
//
// SECURITY: answers from DNS, parsed by daemon/dns; at most maxMxHosts
// exchanges are resolved per domain.
#pragma once

#include "MxRouter.h"

namespace mailstead::dns {
class DnsResolver;
}

namespace mailstead::queue {

// RFC 5321 section 5.1 does not bound it; Postfix tries 5 by default.
inline constexpr int maxMxHosts = 10;

class DnsMxRouter final : public MxRouter {
public:
    explicit DnsMxRouter(dns::DnsResolver *resolver);
    void route(const QString &domain, QObject *context, Callback callback) override;

private:
    dns::DnsResolver *m_resolver;
};

} // namespace mailstead::queue
