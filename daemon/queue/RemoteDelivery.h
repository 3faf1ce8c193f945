// RemoteDelivery.h - delivers one message to the recipients of one domain
// through its route: every address of every MX host in order until one
// gives answers
//
// RFC 5321 section 5.1 (try the MX hosts in preference order and each
// host's addresses; a host that cannot be reached or refuses service in
// its greeting sends the client to the next), RFC 7435 section 3 (when
// STARTTLS fails, the same address is tried once more without it; the
// delivery's TLS outcome says so).
//
// SECURITY: connects only to addresses from the route (DNS) on the
// configured port; see SmtpClientSession.h for what it reads.
#pragma once

#include "MxRouter.h"
#include "SmtpClientSession.h"

#include <QObject>

namespace mailstead::queue {

class RemoteDelivery : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const ClientSessionResult &result)>;

    RemoteDelivery(const SmtpClientOptions &options, quint16 port, QObject *parent = nullptr);

    // route must be Ok with at least one address; done runs once, later.
    void start(const MxRoute &route, const ClientEnvelope &envelope, Callback done);
    // Stops the session in progress without calling back.
    void abort();

private:
    void tryNext();
    void onResult(const ClientSessionResult &result);

    SmtpClientOptions m_options;
    quint16 m_port;
    QList<QPair<QString, QHostAddress>> m_targets; // host name, address
    qsizetype m_next = 0;
    bool m_withoutTls = false; // the current address is being retried without STARTTLS
    ClientEnvelope m_envelope;
    Callback m_done;
    ClientSessionResult m_last;
    SmtpClientSession *m_session = nullptr;
};

} // namespace mailstead::queue
