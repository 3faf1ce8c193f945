// DnsResolver.cpp - libunbound in its own thread, results in ours
//
// A Query lives from resolve() until libunbound can no longer call back
// with it: its callback ran, ub_cancel() succeeded, or the context was
// deleted. A query that times out is answered at once and marked
// abandoned; if libunbound still delivers it later, the result is freed
// unread.
//
// SECURITY: see DnsResolver.h. libunbound validates the DNS messages
// themselves (IDs, question match, bailiwick); here only RDATA is parsed.
#include "DnsResolver.h"

#include "DnsName.h"

#include <algorithm>
#include <QFile>
#include <QFileInfo>
#include <QHostAddress>
#include <QLoggingCategory>
#include <QSocketNotifier>
#include <QThread>
#include <QTimer>
#include <unbound.h>

using namespace Qt::StringLiterals;

namespace mailstead::dns {

Q_LOGGING_CATEGORY(lcDns, "mailstead.dns")

namespace {

constexpr int classIn = 1; // RFC 1035 section 3.2.4
// A trust anchor file holds a few records (the root's: two); these bound
// what is read of a file that is something else.
constexpr int maxTrustAnchorLines = 10000;
constexpr qint64 maxTrustAnchorLineBytes = 64 * 1024;

QString unboundError(int error) {
    return QString::fromUtf8(ub_strerror(error));
}

// "192.0.2.1", "192.0.2.1@5353", "[2001:db8::1]@53" -> libunbound's
// "addr" or "addr@port" without brackets.
QByteArray forwarderAddress(const QString &entry) {
    QString host = entry;
    QString port;
    const qsizetype at = entry.lastIndexOf(u'@');
    if (at >= 0) {
        host = entry.left(at);
        port = entry.mid(at);
    }
    if (host.startsWith(u'[') && host.endsWith(u']'))
        host = host.mid(1, host.size() - 2);
    return (host + port).toLatin1();
}

QString rcodeName(int rcode) {
    switch (rcode) {
    case 1:
        return u"FORMERR"_s;
    case 4:
        return u"NOTIMP"_s;
    case 5:
        return u"REFUSED"_s;
    default:
        return u"RCODE "_s + QString::number(rcode);
    }
}

// libunbound reads a trust anchor file only at the first query, and a
// file it cannot use then fails every lookup. So the file is checked here
// first: every record in it is a DS or DNSKEY record (RFC 4035 section
// 4.4), in zone-file form, and there is at least one.
bool checkTrustAnchorFile(const QString &path, QString *error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = u"[dns] trust_anchor: cannot read "_s + path + u": "_s + file.errorString();
        return false;
    }
    int records = 0;
    int lineNumber = 0;
    while (!file.atEnd() && lineNumber < maxTrustAnchorLines) {
        ++lineNumber;
        QByteArray line = file.readLine(maxTrustAnchorLineBytes);
        const qsizetype comment = line.indexOf(';');
        if (comment >= 0)
            line.truncate(comment);
        if (line.trimmed().isEmpty())
            continue;
        const QList<QByteArray> fields = line.simplified().split(' ');
        const bool anchor = fields.contains("DS") || fields.contains("DNSKEY");
        if (!anchor) {
            *error = u"[dns] trust_anchor: "_s + path + u" line "_s + QString::number(lineNumber) +
                     u" is not a DS or DNSKEY record"_s;
            return false;
        }
        ++records;
    }
    if (records == 0) {
        *error = u"[dns] trust_anchor: "_s + path + u" holds no DS or DNSKEY record"_s;
        return false;
    }
    return true;
}

} // namespace

QString dnsStatusName(DnsStatus status) {
    switch (status) {
    case DnsStatus::Ok:
        return u"ok"_s;
    case DnsStatus::NoData:
        return u"nodata"_s;
    case DnsStatus::NxDomain:
        return u"nxdomain"_s;
    case DnsStatus::ServFail:
        return u"servfail"_s;
    case DnsStatus::Refused:
        return u"refused"_s;
    case DnsStatus::Timeout:
        return u"timeout"_s;
    case DnsStatus::Busy:
        return u"busy"_s;
    case DnsStatus::Error:
        return u"error"_s;
    }
    return {};
}

QString dnssecStatusName(DnssecStatus status) {
    switch (status) {
    case DnssecStatus::Insecure:
        return u"insecure"_s;
    case DnssecStatus::Secure:
        return u"secure"_s;
    case DnssecStatus::Bogus:
        return u"bogus"_s;
    }
    return {};
}

DnsResolver::DnsResolver(const DnsResolverSettings &settings, QObject *parent)
    : QObject(parent)
    , m_settings(settings) {
    m_context = ub_ctx_create();
    if (!m_context) {
        m_error = u"cannot create a libunbound context"_s;
        return;
    }
    if (!configure(m_context, m_settings, &m_error)) {
        ub_ctx_delete(m_context);
        m_context = nullptr;
        qCWarning(lcDns).noquote() << m_error;
        return;
    }
    m_notifier = new QSocketNotifier(ub_fd(m_context), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &DnsResolver::processResults);
}

DnsResolver::~DnsResolver() {
    // After ub_ctx_delete() no callback can arrive; pending callers get
    // nothing, like callers whose context object went away.
    if (m_context)
        ub_ctx_delete(m_context);
    qDeleteAll(m_queries);
}

bool DnsResolver::configure(ub_ctx *context, const DnsResolverSettings &settings, QString *error) {
    // A thread, not a forked process: the daemon is multi-threaded.
    int result = ub_ctx_async(context, 1);
    if (result != 0) {
        *error = u"libunbound: cannot resolve in a thread: "_s + unboundError(result);
        return false;
    }
    bool forwarding = !settings.servers.isEmpty();
    if (forwarding) {
        for (const QString &server : std::as_const(settings.servers)) {
            result = ub_ctx_set_fwd(context, forwarderAddress(server).constData());
            if (result != 0) {
                *error = u"[dns] servers: libunbound refuses \""_s + server + u"\": "_s +
                         unboundError(result);
                return false;
            }
        }
        // The configured servers answer for every name, also for those
        // libunbound answers itself by default: the RFC 6761 test TLD and
        // home.arpa (RFC 8375) that split-horizon and test setups serve,
        // and the reverse zones of private addresses (RFC 6303).
        for (const char *option : {"unblock-lan-zones:", "insecure-lan-zones:"}) {
            result = ub_ctx_set_option(context, option, "yes");
            if (result != 0) {
                *error = u"libunbound: "_s + unboundError(result);
                return false;
            }
        }
        for (const char *zone : {"test. transparent", "home.arpa. transparent"}) {
            result = ub_ctx_set_option(context, "local-zone:", zone);
            if (result != 0) {
                *error = u"libunbound: "_s + unboundError(result);
                return false;
            }
        }
        // RFC 6761 section 6.2 and RFC 8375 names are not delegated from
        // the (signed) root, so a validator would call every locally
        // served answer bogus; an anchor for a zone below them still wins.
        for (const char *zone : {"test.", "home.arpa."}) {
            result = ub_ctx_set_option(context, "domain-insecure:", zone);
            if (result != 0) {
                *error = u"libunbound: "_s + unboundError(result);
                return false;
            }
        }
    } else {
        result = ub_ctx_resolvconf(context, nullptr);
        if (result != 0) {
            qCWarning(lcDns).noquote() << u"cannot read /etc/resolv.conf ("_s +
                                              unboundError(result) +
                                              u"); resolving from the root servers"_s;
        } else {
            forwarding = true;
        }
        result = ub_ctx_hosts(context, nullptr);
        if (result != 0)
            qCInfo(lcDns).noquote() << u"no /etc/hosts ("_s + unboundError(result) + u")"_s;
    }
    if (!settings.trustAnchorFile.isEmpty()) {
        if (!QFileInfo::exists(settings.trustAnchorFile)) {
            qCInfo(lcDns).noquote() << u"no DNSSEC trust anchor at "_s + settings.trustAnchorFile +
                                           u": answers are not validated"_s;
        } else {
            if (!checkTrustAnchorFile(settings.trustAnchorFile, error))
                return false;
            result = ub_ctx_add_ta_file(context,
                                        QFile::encodeName(settings.trustAnchorFile).constData());
            if (result != 0) {
                *error = u"[dns] trust_anchor: libunbound cannot use "_s +
                         settings.trustAnchorFile + u": "_s + unboundError(result);
                return false;
            }
        }
    }
    // Forwarders the administrator chose (or the system's, often
    // 127.0.0.53) may be on loopback, which libunbound skips by default.
    if (forwarding) {
        result = ub_ctx_set_option(context, "do-not-query-localhost:", "no");
        if (result != 0) {
            *error = u"libunbound: "_s + unboundError(result);
            return false;
        }
    }
    return true;
}

bool DnsResolver::reconfigure(const DnsResolverSettings &settings, QString *error) {
    if (settings == m_settings && m_context)
        return true;
    ub_ctx *next = ub_ctx_create();
    if (!next) {
        *error = u"cannot create a libunbound context"_s;
        return false;
    }
    if (!configure(next, settings, error)) {
        ub_ctx_delete(next);
        return false;
    }
    // Results already delivered are answered from the old context; the
    // queries it still works on start again in the new one, each within
    // its original deadline. After ub_ctx_delete() the old context calls
    // nothing back.
    QList<Query *> restart;
    if (m_context) {
        processResults();
        for (Query *query : std::as_const(m_queries)) {
            if (query->running) {
                query->running = false;
                --m_active;
                restart.append(query);
            }
        }
        delete m_notifier;
        ub_ctx_delete(m_context);
    }
    m_context = next;
    m_settings = settings;
    m_error.clear();
    m_notifier = new QSocketNotifier(ub_fd(m_context), QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &DnsResolver::processResults);
    for (Query *query : std::as_const(restart))
        start(query);
    startWaiting();
    return true;
}

void DnsResolver::resolve(const QString &name, DnsType type, QObject *context, Callback callback) {
    if (QThread::currentThread() == thread()) {
        submit(name, type, context, std::move(callback));
        return;
    }
    QPointer<QObject> guard(context);
    QMetaObject::invokeMethod(
        this,
        [this, name, type, guard, callback = std::move(callback)]() mutable {
            if (guard)
                submit(name, type, guard.data(), std::move(callback));
        },
        Qt::QueuedConnection);
}

void DnsResolver::submit(const QString &name, DnsType type, QObject *context, Callback callback) {
    auto *query = new Query;
    query->resolver = this;
    query->id = m_nextId++;
    query->name = name;
    query->type = type;
    query->context = context;
    query->callback = std::move(callback);
    m_queries.insert(query->id, query);

    if (!m_context) {
        DnsAnswer answer;
        answer.name = name;
        answer.type = type;
        answer.error = m_error;
        complete(query, answer);
        finish(query);
        return;
    }
    if (m_active >= m_settings.maxConcurrentQueries &&
        qsizetype(m_waiting.size()) >= maxWaitingQueries) {
        DnsAnswer answer;
        answer.name = name;
        answer.type = type;
        answer.status = DnsStatus::Busy;
        answer.error =
            u"resolver busy: "_s + QString::number(m_waiting.size()) + u" queries waiting"_s;
        complete(query, answer);
        finish(query);
        return;
    }

    // The deadline covers the wait in the queue too: it is the caller's.
    query->deadline = new QTimer(this);
    query->deadline->setSingleShot(true);
    const quint64 id = query->id;
    connect(query->deadline, &QTimer::timeout, this, [this, id] { onTimeout(id); });
    query->deadline->start(m_settings.queryTimeoutSeconds * 1000);

    if (m_active >= m_settings.maxConcurrentQueries) {
        m_waiting.push_back(id);
        return;
    }
    start(query);
}

void DnsResolver::start(Query *query) {
    const QByteArray name = query->name.toUtf8();
    const int result = ub_resolve_async(m_context, name.constData(), int(query->type), classIn,
                                        query, &DnsResolver::onResult, &query->asyncId);
    if (result != 0) {
        DnsAnswer answer;
        answer.name = query->name;
        answer.type = query->type;
        answer.error = u"cannot look up \""_s + query->name + u"\": "_s + unboundError(result);
        complete(query, answer);
        finish(query);
        return;
    }
    query->running = true;
    ++m_active;
}

void DnsResolver::startWaiting() {
    while (m_active < m_settings.maxConcurrentQueries && !m_waiting.empty()) {
        const quint64 id = m_waiting.front();
        m_waiting.pop_front();
        if (Query *query = m_queries.value(id))
            start(query);
    }
}

void DnsResolver::processResults() {
    const int result = ub_process(m_context);
    if (result != 0)
        qCWarning(lcDns).noquote() << u"libunbound: "_s + unboundError(result);
    startWaiting();
}

void DnsResolver::onResult(void *data, int error, ub_result *result) {
    auto *query = static_cast<Query *>(data);
    DnsResolver *self = query->resolver;
    --self->m_active;
    query->running = false;
    if (!query->abandoned)
        self->complete(query, self->answerFrom(*query, error, result));
    if (result)
        ub_resolve_free(result);
    self->finish(query);
}

void DnsResolver::onTimeout(quint64 id) {
    Query *query = m_queries.value(id);
    if (!query || query->abandoned)
        return;
    DnsAnswer answer;
    answer.name = query->name;
    answer.type = query->type;
    answer.status = DnsStatus::Timeout;
    answer.error =
        u"no answer within "_s + QString::number(m_settings.queryTimeoutSeconds) + u" s"_s;
    complete(query, answer);
    if (!query->running) { // still waiting in the queue
        m_waiting.erase(std::remove(m_waiting.begin(), m_waiting.end(), id), m_waiting.end());
        finish(query);
        return;
    }
    if (ub_cancel(m_context, query->asyncId) == 0) {
        --m_active;
        query->running = false;
        finish(query);
        startWaiting();
    }
    // Otherwise the result is already on its way: onResult() frees it.
}

void DnsResolver::complete(Query *query, DnsAnswer answer) {
    query->abandoned = true;
    if (query->deadline)
        query->deadline->stop();
    if (!query->context)
        return;
    // Always queued, also within this thread: the callback may start new
    // queries, which must not happen inside ub_process().
    QMetaObject::invokeMethod(
        query->context.data(),
        [callback = std::move(query->callback), answer = std::move(answer)] { callback(answer); },
        Qt::QueuedConnection);
}

void DnsResolver::finish(Query *query) {
    m_queries.remove(query->id);
    if (query->deadline)
        query->deadline->deleteLater();
    delete query;
}

DnsAnswer DnsResolver::answerFrom(const Query &query, int error, ub_result *result) const {
    DnsAnswer answer;
    answer.name = query.name;
    answer.type = query.type;
    if (error != 0 || !result) {
        answer.status = DnsStatus::Error;
        answer.error = u"lookup failed: "_s + unboundError(error);
        return answer;
    }
    answer.rcode = result->rcode;
    answer.ttl = result->ttl;
    if (result->secure)
        answer.dnssec = DnssecStatus::Secure;
    else if (result->bogus)
        answer.dnssec = DnssecStatus::Bogus;
    if (result->canonname && qstrcmp(result->canonname, result->qname) != 0)
        answer.canonicalName = canonicalHostName(QString::fromUtf8(result->canonname));

    if (result->bogus) {
        answer.status = DnsStatus::ServFail;
        answer.error = u"DNSSEC validation failed: "_s +
                       (result->why_bogus ? QString::fromUtf8(result->why_bogus) : u"bogus"_s);
        return answer;
    }
    if (result->rcode == 3 || result->nxdomain) {
        answer.status = DnsStatus::NxDomain;
        answer.error = u"no such name"_s;
        return answer;
    }
    if (result->rcode == 2) {
        answer.status = DnsStatus::ServFail;
        answer.error = u"server failure (SERVFAIL)"_s;
        return answer;
    }
    if (result->rcode != 0) {
        answer.status = DnsStatus::Refused;
        answer.error = u"the server answered "_s + rcodeName(result->rcode);
        return answer;
    }
    if (!result->havedata) {
        answer.status = DnsStatus::NoData;
        answer.error = u"no "_s + dnsTypeName(query.type) + u" records"_s;
        return answer;
    }

    const QByteArrayView packet(static_cast<const char *>(result->answer_packet),
                                qMax(0, result->answer_len));
    for (int i = 0; result->data[i]; ++i) {
        if (answer.records.size() >= m_settings.maxAnswers) {
            answer.truncated = true;
            break;
        }
        const DnsRecordParse parsed =
            parseRecordData(query.type, QByteArrayView(result->data[i], result->len[i]), packet);
        if (parsed.ok) {
            answer.records << parsed.record;
        } else {
            ++answer.malformedRecords;
            qCInfo(lcDns).noquote() << query.name + u": "_s + parsed.error;
        }
    }
    answer.status = DnsStatus::Ok;
    if (answer.records.isEmpty()) {
        answer.status = DnsStatus::Error;
        answer.error = u"every "_s + dnsTypeName(query.type) + u" record was malformed"_s;
    }
    return answer;
}

} // namespace mailstead::dns
