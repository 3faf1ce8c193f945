// CtlOutputTls.cpp - human output of "mailsteadctl cert ..."; see CtlOutput.h
//
// The main certificate, then each per-domain one after an empty line.
#include "CtlOutput.h"
#include "TableWriter.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::ctl {

Output formatCertificate(const QJsonValue &result) {
    const QJsonObject cert = result.toObject();
    QStringList names;
    const QJsonArray array = cert.value(u"names"_s).toArray();
    for (const QJsonValue &name : array)
        names.append(displayDomain(name.toString()));
    const qint64 daysLeft = cert.value(u"days_left"_s).toInteger();
    const QList<Field> fields = {
        {u"Source"_s, cert.value(u"source"_s).toString()},
        {u"Subject"_s, cert.value(u"subject"_s).toString()},
        {u"Names"_s, names.join(u", "_s)},
        {u"Issuer"_s, cert.value(u"issuer"_s).toString()},
        {u"Valid from"_s, cert.value(u"not_before"_s).toString()},
        {u"Valid until"_s,
         u"%1 (%2 days left)"_s.arg(cert.value(u"not_after"_s).toString()).arg(daysLeft)},
    };
    QString out = formatFields(fields);
    // Per-domain certificates, served to clients asking for their names.
    const QJsonArray domains = cert.value(u"domains"_s).toArray();
    for (const QJsonValue &value : domains) {
        const QJsonObject domain = value.toObject();
        QStringList domainNames;
        const QJsonArray list = domain.value(u"names"_s).toArray();
        for (const QJsonValue &name : list)
            domainNames.append(displayDomain(name.toString()));
        const QList<Field> domainFields = {
            {u"Domain"_s, displayDomain(domain.value(u"domain"_s).toString())},
            {u"Subject"_s, domain.value(u"subject"_s).toString()},
            {u"Names"_s, domainNames.join(u", "_s)},
            {u"Issuer"_s, domain.value(u"issuer"_s).toString()},
            {u"Valid until"_s, u"%1 (%2 days left)"_s.arg(domain.value(u"not_after"_s).toString())
                                   .arg(domain.value(u"days_left"_s).toInteger())},
        };
        out += u'\n' + formatFields(domainFields);
    }
    return {out, ExitSuccess};
}

} // namespace mailstead::ctl
