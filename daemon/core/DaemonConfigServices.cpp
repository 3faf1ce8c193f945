// DaemonConfigServices.cpp - the services mailsteadd listens for: names,
// default ports (IANA; RFC 8314 for the implicit-TLS ones) and how a
// listen address is written
#include "DaemonConfig.h"

using namespace Qt::StringLiterals;

namespace mailstead::core {

bool isImplicitTls(Service service) {
    return service == Service::Submissions || service == Service::Imaps ||
           service == Service::Pop3s || service == Service::Https;
}

QString serviceName(Service service) {
    switch (service) {
    case Service::Smtp:
        return u"smtp"_s;
    case Service::Submission:
        return u"submission"_s;
    case Service::Submissions:
        return u"submissions"_s;
    case Service::Imap:
        return u"imap"_s;
    case Service::Imaps:
        return u"imaps"_s;
    case Service::Pop3:
        return u"pop3"_s;
    case Service::Pop3s:
        return u"pop3s"_s;
    case Service::Http:
        return u"http"_s;
    case Service::Https:
        return u"https"_s;
    }
    return {};
}

quint16 serviceDefaultPort(Service service) {
    switch (service) {
    case Service::Smtp:
        return 25;
    case Service::Submission:
        return 587;
    case Service::Submissions:
        return 465;
    case Service::Imap:
        return 143;
    case Service::Imaps:
        return 993;
    case Service::Pop3:
        return 110;
    case Service::Pop3s:
        return 995;
    case Service::Http:
        return 80;
    case Service::Https:
        return 443;
    }
    return 0;
}

QList<Service> allServices() {
    return {Service::Smtp, Service::Submission, Service::Submissions, Service::Imap, Service::Imaps,
            Service::Pop3, Service::Pop3s,      Service::Http,        Service::Https};
}

QString ListenAddress::toString() const {
    const QString portText = QString::number(port);
    if (host.contains(u':'))
        return u'[' + host + u"]:"_s + portText;
    return host + u':' + portText;
}

} // namespace mailstead::core
