// DnsResolver.h - asynchronous DNS lookups on libunbound
//
// One libunbound context with its own resolving thread (ub_ctx_async);
// ub_fd() is watched by a QSocketNotifier in the resolver's thread and
// ub_process() runs the completed queries there. resolve() may be called
// from any thread; the callback always runs later, queued to the context
// object's thread, and never if that object is gone by then. Nothing here
// blocks (DESIGN.md "Threads").
//
// Servers ([dns] servers): empty uses /etc/resolv.conf and /etc/hosts like
// the system resolver; "ip" or "ip@port" entries forward every query there
// (a test's authoritative server, a local validating resolver). DNSSEC
// status is reported per answer (RFC 4035 section 4.3) from libunbound's
// verdict, validated from trustAnchorFile ([dns] trust_anchor: DS or DNSKEY
// records in zone-file format, RFC 4035 section 4.4); without one every
// answer is insecure. A bogus answer is a failure whose error quotes
// libunbound's reason. With servers configured, the special-use names
// they serve (test., home.arpa.) are insecure unless an anchor of their
// own covers them: the root proves they do not exist, so the chain of
// trust from the root cannot reach a locally served zone.
//
// SECURITY: answers come from the network. Each query has a deadline, at
// most maxConcurrentQueries run at once (maxWaitingQueries more wait), and
// at most maxAnswers records of an answer are parsed, each by the pure
// parseRecordData().
#pragma once

#include "DnsAnswer.h"
#include "DnsLimits.h"

#include <deque>
#include <functional>
#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

struct ub_ctx;
struct ub_result;
class QSocketNotifier;
class QTimer;

namespace mailstead::dns {

struct DnsResolverSettings {
    QStringList servers; // empty: the system's; "ip", "ip@port", "[v6]@port"
    int queryTimeoutSeconds = defaultQueryTimeoutSeconds;
    int maxAnswers = defaultMaxAnswers;
    int maxConcurrentQueries = defaultMaxConcurrentQueries;
    QString trustAnchorFile; // empty, or a file that does not exist: no validation

    bool operator==(const DnsResolverSettings &) const = default;
};

class DnsResolver : public QObject {
    Q_OBJECT
public:
    using Callback = std::function<void(const DnsAnswer &answer)>;

    explicit DnsResolver(const DnsResolverSettings &settings, QObject *parent = nullptr);
    ~DnsResolver() override;
    DnsResolver(const DnsResolver &) = delete;
    DnsResolver &operator=(const DnsResolver &) = delete;

    // False when libunbound refused the settings; every query then fails
    // with DnsStatus::Error and errorString().
    bool isValid() const { return m_context != nullptr; }
    QString errorString() const { return m_error; }
    const DnsResolverSettings &settings() const { return m_settings; }
    // Applies new settings (a SIGHUP): a new libunbound context replaces
    // the old one, and queries in flight start again in it. On failure
    // (*error) the running settings stay.
    bool reconfigure(const DnsResolverSettings &settings, QString *error);

    // name: an A-label host name, or a reverse name (reverseLookupName()).
    // Thread-safe; see the file comment for where the callback runs.
    void resolve(const QString &name, DnsType type, QObject *context, Callback callback);

    int activeQueryCount() const { return m_active; }
    int waitingQueryCount() const { return int(m_waiting.size()); }

private:
    struct Query {
        DnsResolver *resolver = nullptr;
        quint64 id = 0;
        QString name;
        DnsType type = DnsType::A;
        QPointer<QObject> context;
        Callback callback;
        QTimer *deadline = nullptr;
        int asyncId = 0;
        bool running = false;   // handed to libunbound
        bool abandoned = false; // answered already (timeout); drop libunbound's result
    };

    static bool configure(ub_ctx *context, const DnsResolverSettings &settings, QString *error);
    void submit(const QString &name, DnsType type, QObject *context, Callback callback);
    void start(Query *query);
    void startWaiting();
    void processResults();
    void onTimeout(quint64 id);
    void complete(Query *query, DnsAnswer answer);
    void finish(Query *query);
    DnsAnswer answerFrom(const Query &query, int error, ub_result *result) const;
    static void onResult(void *data, int error, ub_result *result);

    DnsResolverSettings m_settings;
    ub_ctx *m_context = nullptr;
    QSocketNotifier *m_notifier = nullptr;
    QString m_error;
    quint64 m_nextId = 1;
    QHash<quint64, Query *> m_queries; // every query not yet freed
    std::deque<quint64> m_waiting;     // submitted, not yet handed to libunbound
    int m_active = 0;                  // handed to libunbound and not answered
};

} // namespace mailstead::dns
