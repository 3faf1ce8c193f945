// DnsMethods.cpp - dns.records, dns.check
//
// dns.records plans the records a configured domain needs
// (dns/DnsRecordPlanner.h) and returns them as rows and, on request, as a
// BIND zone-file snippet; without a domain, only the server's own rows
// (A/AAAA of the host name, PTR), so the host name can be checked before
// any domain exists. dns.check also looks every row up through the
// daemon's resolver (dns/DnsChecker.h) and answers once all lookups are
// done: a deferred reply, so the admin socket keeps serving meanwhile.
// The server's addresses come from dns/DnsServerAddresses.h; when the
// configuration names none, the host name is resolved first.
//
// SECURITY: reached only by authorized peers. A domain given must be one
// of ours; queries go to the configured resolver, bounded by its limits.
// DNS answers are untrusted data and are returned as strings only.
#include "core/ConfigStore.h"
#include "dkim/DkimKeyStore.h"
#include "dns/DnsChecker.h"
#include "dns/DnsResolver.h"
#include "MethodTable.h"
#include "Params.h"
#include "validation/Address.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

namespace {

struct DnsRequest {
    QString domain; // A-label form, one of ours; empty: the server's own rows only
    dns::DnsServerFacts facts;
    QList<dns::DkimTxtRecord> dkim; // every key of the domain (old and new during a rotation)
};

// The TXT records of the domain's DKIM keys; none for an alias domain (it
// has no keys of its own) or a key whose file cannot be read.
QList<dns::DkimTxtRecord> dkimRecords(const MethodContext &context, const QString &domain) {
    QList<dns::DkimTxtRecord> records;
    if (!context.dkimKeys)
        return records;
    const auto keys = context.dkimKeys->keys(domain);
    if (!keys.ok())
        return records;
    for (const dkim::DkimKeyInfo &key : keys.value()) {
        if (key.problem.isEmpty())
            records.append({key.record.selector, QString::fromLatin1(key.dns.value)});
    }
    return records;
}

// The domain as stored: a primary domain or an alias domain (both receive
// mail, so both need the records).
std::optional<ipc::RpcError> findDomain(const MethodContext &context, const QString &name,
                                        QString *ace) {
    const auto domain = context.store->domain(name);
    if (domain.ok()) {
        *ace = domain.value().name;
        return std::nullopt;
    }
    if (domain.error().code == ipc::ErrorCode::NotFound) {
        const DomainName parsed = parseDomain(name);
        const QList<core::AliasDomain> aliasDomains = context.store->aliasDomains();
        for (const core::AliasDomain &aliasDomain : aliasDomains) {
            if (parsed.ok && aliasDomain.name == parsed.ace) {
                *ace = aliasDomain.name;
                return std::nullopt;
            }
        }
    }
    return domain.error();
}

dns::DnsPlan plan(const DnsRequest &request, const QList<QHostAddress> &addresses) {
    dns::DnsPlanInput input;
    input.domain = request.domain;
    input.hostname = request.facts.hostname;
    input.addresses = addresses;
    input.dkim = request.dkim;
    input.mtaStsPolicyId = dns::mtaStsPolicyId(request.facts.mtaStsPolicy);
    if (!request.domain.isEmpty())
        input.reportAddress = u"postmaster@"_s + request.domain;
    input.submission = request.facts.submission;
    input.submissions = request.facts.submissions;
    input.imaps = request.facts.imaps;
    input.pop3s = request.facts.pop3s;
    return dns::planRecords(input);
}

QJsonObject rowJson(const dns::PlannedRecord &record) {
    QJsonObject row{
        {u"name"_s, record.name},
        {u"type"_s, dns::dnsTypeName(record.type)},
        {u"value"_s, record.value},
        {u"purpose"_s, record.purpose},
        {u"role"_s, dns::recordRoleName(record.role)},
    };
    if (!record.note.isEmpty())
        row.insert(u"note"_s, record.note);
    return row;
}

QJsonObject planJson(const dns::DnsPlan &plan, dns::AddressSource source) {
    QJsonArray addresses;
    for (const QHostAddress &address : plan.addresses)
        addresses.append(address.toString());
    QJsonObject result{
        {u"hostname"_s, plan.hostname},
        {u"addresses"_s, addresses},
        {u"addresses_source"_s, dns::addressSourceName(source)},
    };
    if (!plan.domain.isEmpty())
        result.insert(u"domain"_s, plan.domain);
    return result;
}

QJsonObject recordsResult(const dns::DnsPlan &plan, dns::AddressSource source, bool zone) {
    QJsonObject result = planJson(plan, source);
    QJsonArray records;
    for (const dns::PlannedRecord &record : plan.records)
        records.append(rowJson(record));
    result.insert(u"records"_s, records);
    if (zone)
        result.insert(u"zone"_s, dns::zoneSnippet(plan));
    return result;
}

QJsonObject checkResult(const dns::DnsPlan &plan, dns::AddressSource source,
                        const QList<dns::CheckedRecord> &rows) {
    QJsonObject result = planJson(plan, source);
    QJsonArray records;
    QHash<QString, int> counts;
    for (const dns::CheckedRecord &checked : rows) {
        QJsonObject row = rowJson(checked.planned);
        const QString status = dns::checkStatusName(checked.status);
        ++counts[status];
        row.insert(u"status"_s, status);
        row.insert(u"found"_s, QJsonArray::fromStringList(checked.found));
        row.insert(u"detail"_s, checked.detail);
        row.insert(u"dnssec"_s, dns::dnssecStatusName(checked.dnssec));
        if (checked.forwardConfirmed)
            row.insert(u"forward_confirmed"_s, *checked.forwardConfirmed);
        records.append(row);
    }
    result.insert(u"records"_s, records);
    QJsonObject summary;
    for (const dns::CheckStatus status : {dns::CheckStatus::Ok, dns::CheckStatus::Missing,
                                          dns::CheckStatus::Different, dns::CheckStatus::Error}) {
        const QString name = dns::checkStatusName(status);
        summary.insert(name, counts.value(name));
    }
    result.insert(u"summary"_s, summary);
    return result;
}

// Reads {domain?, extra...} and the context's DNS parts; on success *request
// is filled and the result is empty.
std::optional<HandlerResult> readRequest(const QJsonObject &params, const MethodContext &context,
                                         const QStringList &extraKeys, bool *zone,
                                         DnsRequest *request) {
    Params p(params);
    p.rejectUnknown(QStringList{u"domain"_s} + extraKeys);
    const std::optional<QString> name = p.optionalString(u"domain"_s);
    if (zone)
        *zone = p.optionalBool(u"zone"_s).value_or(false);
    if (!p.ok())
        return HandlerResult(p.error());
    if (!context.resolver || !context.dnsFacts || !context.deferReply)
        return HandlerResult(
            ipc::RpcError{ipc::ErrorCode::InternalError, u"DNS is not available"_s, {}});
    if (name) {
        if (const auto error = findDomain(context, *name, &request->domain)) {
            ipc::RpcError refused = *error;
            refused.field = u"domain"_s;
            return HandlerResult(refused);
        }
    }
    request->facts = context.dnsFacts();
    if (!request->domain.isEmpty())
        request->dkim = dkimRecords(context, request->domain);
    return std::nullopt;
}

// Calls next with the server's addresses, at once when the configuration
// names them, else after resolving the host name.
void withAddresses(const MethodContext &context, const DnsRequest &request,
                   std::function<void(const QList<QHostAddress> &, dns::AddressSource)> next) {
    dns::AddressSource source = dns::AddressSource::None;
    const QList<QHostAddress> known = dns::knownServerAddresses(request.facts, &source);
    if (!known.isEmpty()) {
        next(known, source);
        return;
    }
    dns::lookupHostAddresses(context.resolver, request.facts.hostname, context.resolver,
                             [next](const QList<QHostAddress> &addresses) {
                                 next(addresses, addresses.isEmpty() ? dns::AddressSource::None
                                                                     : dns::AddressSource::Dns);
                             });
}

HandlerResult records(const QJsonObject &params, const MethodContext &context) {
    bool zone = false;
    DnsRequest request;
    if (const auto refused = readRequest(params, context, {u"zone"_s}, &zone, &request))
        return *refused;
    const ReplyFunction reply = context.deferReply();
    withAddresses(
        context, request,
        [reply, request, zone](const QList<QHostAddress> &addresses, dns::AddressSource source) {
            reply(recordsResult(plan(request, addresses), source, zone));
        });
    return HandlerResult::deferred();
}

HandlerResult check(const QJsonObject &params, const MethodContext &context) {
    DnsRequest request;
    if (const auto refused = readRequest(params, context, {}, nullptr, &request))
        return *refused;
    const ReplyFunction reply = context.deferReply();
    dns::DnsResolver *resolver = context.resolver;
    withAddresses(context, request,
                  [reply, request, resolver](const QList<QHostAddress> &addresses,
                                             dns::AddressSource source) {
                      const dns::DnsPlan planned = plan(request, addresses);
                      auto *checker = new dns::DnsChecker(resolver, planned);
                      checker->start([reply, planned, source](const auto &rows) {
                          reply(checkResult(planned, source, rows));
                      });
                  });
    return HandlerResult::deferred();
}

} // namespace

void addDnsMethods(MethodTable &table) {
    table.add(u"dns.records"_s, records);
    table.add(u"dns.check"_s, check);
}

} // namespace mailstead::admin
