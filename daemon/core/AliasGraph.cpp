// AliasGraph.cpp - finds alias loops and overlong alias chains in config.db
//
// Loads domains, alias domains, mailbox keys and aliases with their targets,
// resolves each target the way RecipientDirectory will at delivery time, and
// walks the graph depth-first.
#include "core/AliasGraph.h"

#include "core/ConfigStorePrivate.h"
#include "validation/Address.h"

#include <algorithm>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace mailstead::core {

using namespace detail;

namespace {

// A chain of this many aliases is surely a mistake, and it bounds the work
// of resolving a recipient.
constexpr int maxAliasChain = 20;
// The resolution below mirrors RecipientDirectory::resolve() with its
// default delimiter, so that what is refused here is what would loop there.
constexpr char16_t recipientDelimiter = u'+';

} // namespace

QString AliasGraph::nodeKey(qint64 domainId, const QString &key) {
    return QString::number(domainId) + u'/' + key;
}

bool AliasGraph::load(QSqlDatabase db, QSqlError *error) {
    QSqlQuery query(db);
    const auto failed = [&] {
        *error = query.lastError();
        return false;
    };
    if (!run(query, u"SELECT id, name FROM domains"_s))
        return failed();
    while (query.next())
        m_domainIds.insert(query.value(1).toString(), query.value(0).toLongLong());
    if (!run(query, u"SELECT name, target_domain_id FROM alias_domains"_s))
        return failed();
    while (query.next())
        m_aliasDomainTargets.insert(query.value(0).toString(), query.value(1).toLongLong());
    if (!run(query, u"SELECT domain_id, local_part_key FROM mailboxes"_s))
        return failed();
    while (query.next())
        m_mailboxKeys.insert(nodeKey(query.value(0).toLongLong(), query.value(1).toString()));

    QHash<qint64, QString> keysById;
    if (!run(query, u"SELECT a.id, a.domain_id, a.local_part_key, a.local_part, d.name "
                    "FROM aliases a JOIN domains d ON d.id = a.domain_id"_s)) {
        return failed();
    }
    while (query.next()) {
        const QString key = nodeKey(query.value(1).toLongLong(), query.value(2).toString());
        keysById.insert(query.value(0).toLongLong(), key);
        m_nodes.insert(key,
                       Node{addressText(query.value(3).toString(), query.value(4).toString()), {}});
    }
    if (!run(query, u"SELECT alias_id, target FROM alias_targets ORDER BY alias_id, position"_s))
        return failed();
    while (query.next()) {
        const auto found = m_nodes.find(keysById.value(query.value(0).toLongLong()));
        if (found != m_nodes.end())
            found->targets.append(query.value(1).toString());
    }
    return true;
}

AliasGraph::Resolved AliasGraph::resolve(const QString &target) const {
    const MailAddress address = parseAddress(target);
    if (!address.ok)
        return {};
    qint64 domainId = m_domainIds.value(address.domain, 0);
    QString handledAs = addressText(address.localPart, address.domain);
    if (domainId == 0) {
        domainId = m_aliasDomainTargets.value(address.domain, 0);
        if (domainId == 0)
            return {}; // not ours: leaves the graph
        const QString primary = m_domainIds.key(domainId);
        handledAs = addressText(address.localPart, primary);
    }
    const QString exact = nodeKey(domainId, localKey(address.localPart));
    if (m_mailboxKeys.contains(exact))
        return {};
    if (m_nodes.contains(exact))
        return {exact, handledAs == target ? QString() : handledAs};
    // "user+tag" reaches user's mailbox or alias before any catch-all.
    const qsizetype cut = address.localPart.indexOf(recipientDelimiter);
    if (cut > 0) {
        const QString base = nodeKey(domainId, localKey(address.localPart.left(cut)));
        if (m_mailboxKeys.contains(base))
            return {};
        if (m_nodes.contains(base))
            return {base, m_nodes.value(base).label};
    }
    const QString catchAll = nodeKey(domainId, QString());
    if (m_nodes.contains(catchAll))
        return {catchAll, m_nodes.value(catchAll).label};
    return {};
}

// Depth-first search with memoized heights (the longest chain starting at a
// node). *path holds the rendered chain so far; a node met again on it is a
// loop. Recursion never goes deeper than maxAliasChain + 1.
QString AliasGraph::visit(const QString &key, QStringList *path,
                          QHash<QString, int> *height) const {
    const Node node = m_nodes.value(key);
    if (path->size() > maxAliasChain) {
        return u"The aliases would form a chain of more than "_s + QString::number(maxAliasChain) +
               u" steps: "_s + path->join(u" → "_s) + u'.';
    }
    int best = 1;
    for (const QString &target : node.targets) {
        const Resolved next = resolve(target);
        if (next.key.isEmpty())
            continue;
        const QString step =
            next.label.isEmpty() ? target : target + u" (handled by "_s + next.label + u')';
        const int known = height->value(next.key, 0);
        if (known > 0) {
            if (path->size() + known > maxAliasChain) {
                path->append(step);
                return u"The aliases would form a chain of more than "_s +
                       QString::number(maxAliasChain) + u" steps, starting "_s +
                       path->join(u" → "_s) + u'.';
            }
            best = std::max(best, known + 1);
            continue;
        }
        if (known < 0) {
            path->append(step);
            return u"The aliases would form a loop: "_s + path->join(u" → "_s) + u'.';
        }
        path->append(step);
        height->insert(next.key, -1); // on the current path
        const QString problem = visit(next.key, path, height);
        if (!problem.isEmpty())
            return problem;
        path->removeLast();
        best = std::max(best, height->value(next.key) + 1);
    }
    height->insert(key, best);
    return {};
}

QString AliasGraph::findProblem(const QString &startKey) const {
    QStringList order = m_nodes.keys();
    std::sort(order.begin(), order.end());
    if (m_nodes.contains(startKey)) {
        order.removeOne(startKey);
        order.prepend(startKey);
    }
    QHash<QString, int> height;
    for (const QString &key : std::as_const(order)) {
        if (height.contains(key))
            continue;
        QStringList path{m_nodes.value(key).label};
        height.insert(key, -1);
        const QString problem = visit(key, &path, &height);
        if (!problem.isEmpty())
            return problem;
    }
    return {};
}

} // namespace mailstead::core
