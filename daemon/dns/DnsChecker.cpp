// DnsChecker.cpp - one lookup per planned row, then forward confirmation
//
// RFC 8601 section 3 (iprev) for the PTR rows.
//
// SECURITY: see DnsChecker.h.
#include "DnsChecker.h"

#include "DnsResolver.h"

using namespace Qt::StringLiterals;

namespace mailstead::dns {

DnsChecker::DnsChecker(DnsResolver *resolver, const DnsPlan &plan)
    : QObject(resolver)
    , m_resolver(resolver)
    , m_plan(plan) {}

void DnsChecker::start(Done done) {
    m_done = std::move(done);
    m_rows.resize(m_plan.records.size());
    for (int i = 0; i < m_plan.records.size(); ++i) {
        const PlannedRecord &planned = m_plan.records.at(i);
        m_rows[i].planned = planned;
        // A row that cannot be published yet (no DKIM key) has no name
        // to look up; its note says what to do.
        if (planned.value.isEmpty() && planned.role != RecordRole::HostAddress) {
            m_rows[i].status = CheckStatus::Missing;
            m_rows[i].detail = planned.note;
            continue;
        }
        ++m_outstanding;
        m_resolver->resolve(planned.name, queryTypeFor(planned, m_plan.addresses), this,
                            [this, i](const DnsAnswer &answer) { onAnswer(i, answer); });
    }
    if (m_outstanding == 0)
        settle();
}

void DnsChecker::onAnswer(int index, const DnsAnswer &answer) {
    CheckedRecord row =
        compareAnswer(m_plan.records.at(index), answer, m_plan.hostname, m_plan.addresses);
    const QString forwardName = forwardConfirmationName(row, m_plan.hostname);
    m_rows[index] = row;
    if (!forwardName.isEmpty()) {
        const bool v4 = row.planned.address.protocol() == QAbstractSocket::IPv4Protocol;
        m_resolver->resolve(forwardName, v4 ? DnsType::A : DnsType::Aaaa, this,
                            [this, index, forwardName](const DnsAnswer &forward) {
                                onForwardAnswer(index, forwardName, forward);
                            });
        return;
    }
    --m_outstanding;
    settle();
}

void DnsChecker::onForwardAnswer(int index, const QString &name, const DnsAnswer &answer) {
    applyForwardConfirmation(&m_rows[index], name, answer);
    --m_outstanding;
    settle();
}

void DnsChecker::settle() {
    if (m_outstanding > 0 || !m_done)
        return;
    const Done done = std::move(m_done);
    m_done = nullptr;
    done(m_rows);
    deleteLater();
}

} // namespace mailstead::dns
