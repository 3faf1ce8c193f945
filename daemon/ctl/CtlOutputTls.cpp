// CtlOutputTls.cpp - human output of "mailsteadctl cert ..."; see CtlOutput.h
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
    return {formatFields(fields), ExitSuccess};
}

} // namespace mailstead::ctl
