// HttpSettings.cpp - the ports a mail client is told about; see
// HttpSettings.h
//
// SECURITY: no input.
#include "HttpSettings.h"

#include "net/ListenerSet.h"

namespace mailstead::http {

MailClientSettings announcedClientSettings(const QString &hostname,
                                           const QList<net::ListenerInfo> &listeners) {
    MailClientSettings settings;
    settings.hostname = hostname;
    auto first = [&](core::Service service) -> quint16 {
        for (const net::ListenerInfo &listener : listeners) {
            if (listener.service == service)
                return listener.port;
        }
        return 0;
    };
    settings.imapsPort = first(core::Service::Imaps);
    settings.imapPort = first(core::Service::Imap);
    settings.pop3sPort = first(core::Service::Pop3s);
    settings.submissionsPort = first(core::Service::Submissions);
    settings.submissionPort = first(core::Service::Submission);
    return settings;
}

} // namespace mailstead::http
