// DkimDnsRecord.cpp - see DkimDnsRecord.h
#include "DkimDnsRecord.h"

#include "DkimKey.h"

using namespace Qt::StringLiterals;

namespace mailstead::dkim {

QList<QByteArray> DkimDnsRecord::strings() const {
    QList<QByteArray> pieces;
    for (qsizetype pos = 0; pos < value.size(); pos += maxTxtStringBytes)
        pieces.append(value.mid(pos, maxTxtStringBytes));
    return pieces;
}

QString DkimDnsRecord::zoneFileText() const {
    // The value is base64 and ASCII tags: nothing in it needs escaping in a
    // quoted zone-file string.
    QStringList quoted;
    const QList<QByteArray> pieces = strings();
    for (const QByteArray &piece : pieces)
        quoted.append(u'"' + QString::fromLatin1(piece) + u'"');
    return name + u". IN TXT ( "_s + quoted.join(u"\n\t"_s) + u" )"_s;
}

DkimDnsRecord dnsRecordFor(const DkimPrivateKey &key, const QString &domain,
                           const QString &selector) {
    DkimDnsRecord record;
    record.name = selector + u"._domainkey."_s + domain;
    record.value =
        "v=DKIM1; k=" + algorithmName(key.algorithm()).toLatin1() + "; p=" + key.publicKeyData();
    return record;
}

} // namespace mailstead::dkim
