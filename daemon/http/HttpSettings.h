// HttpSettings.h - what the HTTP endpoints announce and to whom
//
// MailClientSettings is what autoconfig, autodiscover and the Apple profile
// tell a mail client: the server's hostname and the port of each access
// service. A service is announced with the real port of its first [listen]
// address (ListenerSet's view, so port 0 in tests announces the port that
// was picked): an installed daemon on the standard ports announces 993,
// 143, 465, 587 and 995; local mode announces its +10000 ports. A service
// without a listener is not announced. Behind a NAT that maps other public
// ports, the listeners must be on the public port numbers.
// HttpSettings adds the domains served and the MTA-STS policy; the daemon
// rebuilds it at start, on SIGHUP and after every configuration change.
//
// SECURITY: no input; built from the config file and config.db.
#pragma once

#include "core/DaemonConfig.h"

#include <chrono>
#include <QList>
#include <QString>
#include <QStringList>

namespace mailstead::net {
struct ListenerInfo;
}

namespace mailstead::http {

struct MailClientSettings {
    QString hostname;
    quint16 imapsPort = 0;       // implicit TLS (RFC 8314); 0: not offered
    quint16 imapPort = 0;        // STARTTLS (RFC 3501 section 6.2.1)
    quint16 pop3sPort = 0;       // implicit TLS
    quint16 submissionsPort = 0; // implicit TLS (RFC 8314 section 3.3)
    quint16 submissionPort = 0;  // STARTTLS (RFC 6409)

    bool offersIncoming() const { return imapsPort || imapPort || pop3sPort; }
    bool offersOutgoing() const { return submissionsPort || submissionPort; }
};

struct HttpSettings {
    MailClientSettings client;
    // Active domains with mailboxes (A-labels): autoconfig, autodiscover
    // and the Apple profile answer for addresses in these.
    QStringList mailDomains;
    // Every active domain that receives mail, alias domains included: MTA-STS
    // policies are served for mta-sts.<one of these>.
    QStringList mtaStsDomains;
    core::MtaStsMode mtaStsMode = core::MtaStsMode::Testing;
    qint64 mtaStsMaxAgeSeconds = core::HttpConfig().mtaStsMaxAgeSeconds;
    std::chrono::seconds requestTimeout{core::HttpConfig().requestTimeoutSeconds};
};

// The announced ports: the first listener of each service.
MailClientSettings announcedClientSettings(const QString &hostname,
                                           const QList<net::ListenerInfo> &listeners);

} // namespace mailstead::http
