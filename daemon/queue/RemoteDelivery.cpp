// RemoteDelivery.cpp - MX hosts and their addresses, one after the other
//
// RFC 5321 section 5.1, RFC 7435 section 3; see RemoteDelivery.h.
//
// SECURITY: see RemoteDelivery.h.
#include "RemoteDelivery.h"

#include "QueueLog.h"

using namespace Qt::StringLiterals;

namespace mailstead::queue {

RemoteDelivery::RemoteDelivery(const SmtpClientOptions &options, quint16 port, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_port(port) {}

void RemoteDelivery::start(const MxRoute &route, const ClientEnvelope &envelope, Callback done) {
    m_envelope = envelope;
    m_done = std::move(done);
    for (const MxHost &host : route.hosts) {
        for (const QHostAddress &address : host.addresses)
            m_targets.append({host.name, address});
    }
    m_last.replies = QList<smtp::SmtpReply>(
        envelope.recipients.size(), smtp::makeReply(451, "4.4.4", "no address to deliver to"));
    m_last.fromPeer = QList<bool>(envelope.recipients.size(), false);
    tryNext();
}

void RemoteDelivery::abort() {
    m_done = nullptr;
    delete m_session;
    m_session = nullptr;
}

void RemoteDelivery::tryNext() {
    if (m_next >= m_targets.size()) {
        Callback done = std::move(m_done);
        m_done = nullptr;
        if (done)
            done(m_last);
        return;
    }
    const auto [name, address] = m_targets.at(m_next);
    SmtpClientOptions options = m_options;
    options.useTls = m_options.useTls && !m_withoutTls;
    m_session = new SmtpClientSession(options, this);
    m_session->start(address, m_port, name, m_envelope,
                     [this](const ClientSessionResult &result) { onResult(result); });
}

void RemoteDelivery::onResult(const ClientSessionResult &result) {
    m_session->deleteLater();
    m_session = nullptr;
    const bool retriedWithoutTls = m_withoutTls;
    m_last = result;
    if (retriedWithoutTls)
        m_last.tls = u"none (STARTTLS failed before)"_s;
    if (!result.tryNextAddress) {
        Callback done = std::move(m_done);
        m_done = nullptr;
        if (done)
            done(m_last);
        return;
    }
    qCInfo(lcQueue).noquote() << result.server << "gave no session:"
                              << QString::fromLatin1(replyText(result.replies.value(0)));
    if (result.tlsFailed && !retriedWithoutTls && !m_options.requireTls) {
        m_withoutTls = true; // RFC 7435: the same address once more, in plain text
    } else {
        m_withoutTls = false;
        ++m_next;
    }
    tryNext();
}

} // namespace mailstead::queue
