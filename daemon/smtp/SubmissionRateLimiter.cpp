// SubmissionRateLimiter.cpp - see SubmissionRateLimiter.h
#include "SubmissionRateLimiter.h"

#include <QMutexLocker>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

QString domainKey(const QString &domain) {
    return u'@' + domain.toLower();
}

} // namespace

template <int N, qint64 Width>
qint64 SubmissionRateLimiter::Window<N, Width>::sum(qint64 nowMs) const {
    const qint64 current = nowMs / Width;
    qint64 total = 0;
    for (int i = 0; i < N; ++i) {
        if (count[i] != 0 && slot[i] > current - N && slot[i] <= current)
            total += count[i];
    }
    return total;
}

template <int N, qint64 Width>
void SubmissionRateLimiter::Window<N, Width>::add(qint64 nowMs, qint64 amount) {
    const qint64 current = nowMs / Width;
    const int index = int(current % N);
    if (slot[index] != current) {
        slot[index] = current;
        count[index] = 0;
    }
    count[index] += amount;
}

bool SubmissionRateLimiter::Usage::empty(qint64 nowMs) const {
    return messages.sum(nowMs) == 0 && recipients.sum(nowMs) == 0;
}

SubmissionRateLimiter::Verdict
SubmissionRateLimiter::checkLocked(const QString &mailbox, const QString &domain, int recipients,
                                   const SubmissionRateLimits &limits, qint64 nowMs) const {
    const Usage none;
    const Usage &own =
        m_usage.contains(mailbox.toLower()) ? *m_usage.constFind(mailbox.toLower()) : none;
    const Usage &all =
        m_usage.contains(domainKey(domain)) ? *m_usage.constFind(domainKey(domain)) : none;
    // A message counts as one more; a check at MAIL (recipients 0) asks
    // whether one more fits, and whether any recipient is left.
    const qint64 wanted = qMax(recipients, 1);
    if (limits.mailboxMessagesPerHour > 0 &&
        own.messages.sum(nowMs) + 1 > limits.mailboxMessagesPerHour)
        return Verdict::MailboxMessages;
    if (limits.mailboxRecipientsPerDay > 0 &&
        own.recipients.sum(nowMs) + wanted > limits.mailboxRecipientsPerDay)
        return Verdict::MailboxRecipients;
    if (limits.domainMessagesPerHour > 0 &&
        all.messages.sum(nowMs) + 1 > limits.domainMessagesPerHour)
        return Verdict::DomainMessages;
    if (limits.domainRecipientsPerDay > 0 &&
        all.recipients.sum(nowMs) + wanted > limits.domainRecipientsPerDay)
        return Verdict::DomainRecipients;
    return Verdict::Allowed;
}

SubmissionRateLimiter::Verdict SubmissionRateLimiter::check(const QString &mailbox,
                                                            const QString &domain, int recipients,
                                                            const SubmissionRateLimits &limits,
                                                            qint64 nowMs) const {
    QMutexLocker lock(&m_mutex);
    return checkLocked(mailbox, domain, recipients, limits, nowMs);
}

SubmissionRateLimiter::Verdict SubmissionRateLimiter::admit(const QString &mailbox,
                                                            const QString &domain, int recipients,
                                                            const SubmissionRateLimits &limits,
                                                            qint64 nowMs) {
    QMutexLocker lock(&m_mutex);
    const Verdict verdict = checkLocked(mailbox, domain, recipients, limits, nowMs);
    if (verdict != Verdict::Allowed)
        return verdict;
    for (const QString &key : {mailbox.toLower(), domainKey(domain)}) {
        Usage &usage = m_usage[key];
        usage.messages.add(nowMs, 1);
        usage.recipients.add(nowMs, qMax(recipients, 0));
    }
    if (nowMs - m_lastSweepMs >= sweepIntervalMs)
        sweepLocked(nowMs);
    return Verdict::Allowed;
}

void SubmissionRateLimiter::sweepLocked(qint64 nowMs) {
    m_lastSweepMs = nowMs;
    for (auto it = m_usage.begin(); it != m_usage.end();) {
        if (it->empty(nowMs))
            it = m_usage.erase(it);
        else
            ++it;
    }
}

int SubmissionRateLimiter::trackedKeys() const {
    QMutexLocker lock(&m_mutex);
    return int(m_usage.size());
}

QByteArray SubmissionRateLimiter::describe(Verdict verdict, const SubmissionRateLimits &limits) {
    switch (verdict) {
    case Verdict::Allowed:
        return "within the limits";
    case Verdict::MailboxMessages:
        return "the mailbox's limit of " + QByteArray::number(limits.mailboxMessagesPerHour) +
               " messages per hour";
    case Verdict::MailboxRecipients:
        return "the mailbox's limit of " + QByteArray::number(limits.mailboxRecipientsPerDay) +
               " recipients per day";
    case Verdict::DomainMessages:
        return "the domain's limit of " + QByteArray::number(limits.domainMessagesPerHour) +
               " messages per hour";
    case Verdict::DomainRecipients:
        return "the domain's limit of " + QByteArray::number(limits.domainRecipientsPerDay) +
               " recipients per day";
    }
    return {};
}

} // namespace mailstead::smtp
