// RecipientDirectory.cpp - see RecipientDirectory.h
#include "core/RecipientDirectory.h"

#include "core/ConfigStore.h"
#include "validation/Address.h"

#include <QMutexLocker>
#include <QSet>

using namespace Qt::StringLiterals;

namespace mailstead::core {

struct RecipientDirectory::Snapshot {
    struct DomainEntry {
        bool active = true;
        qint64 quotaBytes = 0;
    };
    struct MailboxEntry {
        MailboxTarget target;
        bool active = true;
        QString passwordHash;
    };
    QHash<QString, DomainEntry> domains;  // A-label -> primary domain
    QHash<QString, QString> aliasDomains; // A-label -> primary A-label (active only)
    QSet<QString> inactiveAliasDomains;
    QHash<QString, MailboxEntry> mailboxes; // "key@domain"
    QHash<QString, QStringList> aliases;    // "key@domain" or "@domain" -> targets (active only)
    QHash<qint64, QSet<QString>> sendAs;    // mailbox id -> grant keys ("key@domain", "@domain")
};

namespace {

QString keyOf(const QString &localPart, const QString &domain) {
    return localPart.toLower() + u'@' + domain;
}

struct Expansion {
    const RecipientDirectory::Snapshot &snap;
    const QString &delimiter;
    QList<MailboxTarget> mailboxes;
    QSet<qint64> seenMailboxes;
    QStringList external;
    QSet<QString> seenExternal;
    int count = 0;
    bool overflow = false;
    bool catchAll = true; // false: "@domain" aliases are not followed (sender checks)
};

} // namespace

QString MailboxTarget::address() const {
    return quoteLocalPartIfNeeded(localPart) + u'@' + domain;
}

RecipientDirectory::RecipientDirectory()
    : m_snapshot(std::make_shared<Snapshot>()) {}

RecipientDirectory::~RecipientDirectory() = default;

void RecipientDirectory::reload(const ConfigStore &store) {
    auto snap = std::make_shared<Snapshot>();
    for (const Domain &d : store.domains())
        snap->domains.insert(d.name, {d.active, d.quotaBytes});
    for (const AliasDomain &a : store.aliasDomains()) {
        if (a.active)
            snap->aliasDomains.insert(a.name, a.target);
        else
            snap->inactiveAliasDomains.insert(a.name);
    }
    if (const auto boxes = store.mailboxes(); boxes.ok()) {
        for (const Mailbox &m : boxes.value()) {
            Snapshot::MailboxEntry e;
            e.target.mailboxId = m.id;
            e.target.localPart = m.localPart;
            e.target.domain = m.domain;
            e.target.quotaBytes = m.quotaBytes;
            e.target.domainQuotaBytes = snap->domains.value(m.domain).quotaBytes;
            e.active = m.active;
            e.passwordHash = m.passwordHash;
            snap->mailboxes.insert(keyOf(m.localPart, m.domain), e);
        }
    }
    if (const auto aliases = store.aliases(); aliases.ok()) {
        for (const Alias &a : aliases.value()) {
            if (!a.active)
                continue;
            const QString key = a.isCatchAll() ? a.source.toLower() : [&] {
                const MailAddress parsed = parseAddress(a.source);
                return keyOf(parsed.localPart, parsed.domain);
            }();
            snap->aliases.insert(key, a.targets);
        }
    }
    if (const auto grants = store.sendAsGrants(); grants.ok()) {
        for (const SendAsGrant &grant : grants.value()) {
            const MailAddress owner = parseAddress(grant.mailbox);
            const auto box = snap->mailboxes.constFind(keyOf(owner.localPart, owner.domain));
            if (box == snap->mailboxes.constEnd())
                continue;
            const QString key = grant.isDomain() ? grant.address.toLower()
                                                 : parseAddress(grant.address).lookupKey();
            snap->sendAs[box->target.mailboxId].insert(key);
        }
    }
    QMutexLocker lock(&m_mutex);
    m_snapshot = std::move(snap);
}

std::shared_ptr<const RecipientDirectory::Snapshot> RecipientDirectory::snapshot() const {
    QMutexLocker lock(&m_mutex);
    return m_snapshot;
}

bool RecipientDirectory::isLocalDomain(const QString &domain) const {
    const auto snap = snapshot();
    const QString d = domain.toLower();
    return snap->domains.contains(d) || snap->aliasDomains.contains(d) ||
           snap->inactiveAliasDomains.contains(d);
}

namespace {

using Snapshot = RecipientDirectory::Snapshot;

// Resolves one address into exp; returns the status for this address.
Resolution::Status expand(Expansion &exp, const MailAddress &address, int depth, QString *detail) {
    if (depth > maxAliasDepth || exp.count > maxExpandedRecipients) {
        exp.overflow = true;
        *detail = u"alias expansion exceeds %1 levels or %2 recipients"_s.arg(maxAliasDepth)
                      .arg(maxExpandedRecipients);
        return Resolution::Status::TooManyTargets;
    }
    const Snapshot &snap = exp.snap;
    QString domain = address.domain;
    if (snap.inactiveAliasDomains.contains(domain)) {
        *detail = u"the domain %1 is disabled"_s.arg(domain);
        return Resolution::Status::Disabled;
    }
    if (const auto it = snap.aliasDomains.constFind(domain); it != snap.aliasDomains.constEnd())
        domain = it.value();
    const auto dom = snap.domains.constFind(domain);
    if (dom == snap.domains.constEnd()) {
        if (depth == 0) {
            *detail = u"%1 is not a local domain"_s.arg(domain);
            return Resolution::Status::NotLocal;
        }
        const QString ext = address.toString();
        if (!exp.seenExternal.contains(ext.toLower())) {
            exp.seenExternal.insert(ext.toLower());
            exp.external.append(ext);
            ++exp.count;
        }
        return Resolution::Status::Local;
    }
    if (!dom->active) {
        *detail = u"the domain %1 is disabled"_s.arg(domain);
        return Resolution::Status::Disabled;
    }

    auto expandAlias = [&](const QStringList &targets) {
        Resolution::Status worst = Resolution::Status::Local;
        bool anyDelivered = false;
        for (const QString &t : targets) {
            const MailAddress target = parseAddress(t);
            if (!target.ok)
                continue;
            QString sub;
            const auto s = expand(exp, target, depth + 1, &sub);
            if (s == Resolution::Status::Local)
                anyDelivered = true;
            else if (s == Resolution::Status::TooManyTargets)
                return s;
            else
                worst = s;
        }
        // An alias whose targets all fail is as unknown as its first failure.
        if (!anyDelivered)
            *detail = u"no deliverable target for %1"_s.arg(address.toString());
        return anyDelivered ? Resolution::Status::Local : worst;
    };

    auto lookup = [&](const QString &localPart, Resolution::Status *status) {
        const QString key = keyOf(localPart, domain);
        if (const auto a = snap.aliases.constFind(key); a != snap.aliases.constEnd()) {
            *status = expandAlias(a.value());
            return true;
        }
        if (const auto m = snap.mailboxes.constFind(key); m != snap.mailboxes.constEnd()) {
            if (!m->active) {
                *detail = u"the mailbox %1 is disabled"_s.arg(m->target.address());
                *status = Resolution::Status::Disabled;
                return true;
            }
            if (!exp.seenMailboxes.contains(m->target.mailboxId)) {
                exp.seenMailboxes.insert(m->target.mailboxId);
                exp.mailboxes.append(m->target);
                ++exp.count;
            }
            *status = Resolution::Status::Local;
            return true;
        }
        return false;
    };

    Resolution::Status status = Resolution::Status::UnknownUser;
    if (lookup(address.localPart, &status))
        return status;
    if (!exp.delimiter.isEmpty()) {
        const qsizetype cut = [&] {
            qsizetype best = -1;
            for (QChar c : exp.delimiter) {
                const qsizetype i = address.localPart.indexOf(c);
                if (i > 0 && (best < 0 || i < best))
                    best = i;
            }
            return best;
        }();
        if (cut > 0 && lookup(address.localPart.left(cut), &status))
            return status;
    }
    if (!exp.catchAll) {
        *detail = u"no mailbox or alias %1"_s.arg(address.toString());
        return Resolution::Status::UnknownUser;
    }
    if (const auto c = snap.aliases.constFind(u'@' + domain); c != snap.aliases.constEnd())
        return expandAlias(c.value());
    *detail = u"no mailbox %1"_s.arg(address.toString());
    return Resolution::Status::UnknownUser;
}

} // namespace

Resolution RecipientDirectory::resolve(const QString &address, const QString &delimiter) const {
    Resolution result;
    const MailAddress parsed = parseAddress(address);
    if (!parsed.ok) {
        result.status = Resolution::Status::InvalidAddress;
        result.detail = parsed.error;
        return result;
    }
    const auto snap = snapshot();
    Expansion exp{*snap, delimiter, {}, {}, {}, {}, 0, false, true};
    result.status = expand(exp, parsed, 0, &result.detail);
    if (result.status == Resolution::Status::Local) {
        result.mailboxes = exp.mailboxes;
        result.external = exp.external;
        result.detail.clear();
    }
    return result;
}

MailboxCredentials RecipientDirectory::credentials(const QString &address) const {
    MailboxCredentials creds;
    const MailAddress parsed = parseAddress(address);
    if (!parsed.ok)
        return creds;
    const auto snap = snapshot();
    const auto it = snap->mailboxes.constFind(keyOf(parsed.localPart, parsed.domain));
    if (it == snap->mailboxes.constEnd())
        return creds;
    creds.found = true;
    creds.active = it->active && snap->domains.value(parsed.domain).active;
    creds.mailbox = it->target;
    creds.passwordHash = it->passwordHash;
    return creds;
}

namespace {

// The local part without its +extension (the first delimiter character
// wins, as in expand()); empty when there is none.
QString withoutExtension(const QString &localPart, const QString &delimiter) {
    qsizetype best = -1;
    for (QChar c : delimiter) {
        const qsizetype i = localPart.indexOf(c);
        if (i > 0 && (best < 0 || i < best))
            best = i;
    }
    return best > 0 ? localPart.left(best) : QString();
}

} // namespace

SenderOwnership RecipientDirectory::senderOwnership(const MailboxTarget &mailbox,
                                                    const QString &address,
                                                    const QString &delimiter) const {
    const MailAddress parsed = parseAddress(address);
    if (!parsed.ok || mailbox.mailboxId == 0)
        return SenderOwnership::NotOwned;
    const auto snap = snapshot();
    const QString primary = snap->aliasDomains.value(parsed.domain, parsed.domain);
    const bool usableDomain =
        !snap->inactiveAliasDomains.contains(parsed.domain) && snap->domains.value(primary).active;
    const QString bare = withoutExtension(parsed.localPart, delimiter);

    if (usableDomain && primary == mailbox.domain) {
        const QString own = mailbox.localPart.toLower();
        if (parsed.localPart.toLower() == own || bare.toLower() == own)
            return SenderOwnership::Own;
    }
    if (usableDomain) {
        // An alias delivers to the mailbox when its expansion, catch-alls
        // left out at every level, reaches it.
        Expansion exp{*snap, delimiter, {}, {}, {}, {}, 0, false, false};
        QString detail;
        if (expand(exp, parsed, 0, &detail) == Resolution::Status::Local &&
            exp.seenMailboxes.contains(mailbox.mailboxId))
            return SenderOwnership::Alias;
    }
    const auto grants = snap->sendAs.constFind(mailbox.mailboxId);
    if (grants == snap->sendAs.constEnd())
        return SenderOwnership::NotOwned;
    const QSet<QString> &keys = grants.value();
    if (keys.contains(parsed.lookupKey()) ||
        (!bare.isEmpty() && keys.contains(keyOf(bare, parsed.domain))) ||
        keys.contains(u'@' + parsed.domain) || keys.contains(u'@' + primary))
        return SenderOwnership::Grant;
    return SenderOwnership::NotOwned;
}

} // namespace mailstead::core
