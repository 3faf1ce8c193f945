// DnsChecker.h - looks up every planned record and says what is published
//
// One query per row through the daemon's resolver, all at once; PTR rows
// that point somewhere get a second query for forward confirmation. The
// report lists the rows in plan order, each judged by compareAnswer().
// A checker deletes itself after calling done; created as a child of the
// resolver, it also goes away with the resolver (then done is never
// called).
//
// SECURITY: every answer comes from the network through DnsResolver; the
// number of queries is fixed by the plan (one or two per row).
#pragma once

#include "DnsRecordComparison.h"

#include <functional>
#include <QList>
#include <QObject>

namespace mailstead::dns {

class DnsResolver;

class DnsChecker : public QObject {
    Q_OBJECT
public:
    using Done = std::function<void(const QList<CheckedRecord> &rows)>;

    DnsChecker(DnsResolver *resolver, const DnsPlan &plan);

    // Starts the lookups; done runs once, in this object's thread.
    void start(Done done);

private:
    void onAnswer(int index, const DnsAnswer &answer);
    void onForwardAnswer(int index, const QString &name, const DnsAnswer &answer);
    void settle();

    DnsResolver *m_resolver;
    DnsPlan m_plan;
    QList<CheckedRecord> m_rows;
    int m_outstanding = 0;
    Done m_done;
};

} // namespace mailstead::dns
