// AliasGraph.h - the alias loop and chain-length check of config.db
//
// ConfigStore builds one after each change that could close a loop, inside
// the change's transaction, and refuses the change (AliasLoop) when
// findProblem() names one. Internal to mailstead_core.
#pragma once

#include <QHash>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

namespace mailstead::core {

// The alias graph of the whole store. Nodes are aliases; an edge leads from
// an alias to whatever alias a target resolves to, the way delivery will:
// alias domains map to their primary domain, an exact mailbox or alias wins,
// then the address without its "+extension", and only an address that is
// none of these falls to its domain's catch-all. Inactive objects count too:
// activating one must not be able to close a loop.
class AliasGraph {
public:
    bool load(QSqlDatabase db, QSqlError *error);
    // A sentence describing a loop or an overlong chain, or empty. Starts
    // with the alias at startKey when given, so that the message names the
    // alias being changed first.
    QString findProblem(const QString &startKey) const;

    // The node of the alias with this local part key ("" for a catch-all).
    static QString nodeKey(qint64 domainId, const QString &key);

private:
    struct Node {
        QString label;
        QStringList targets;
    };
    struct Resolved {
        QString key;   // node key, empty when the target ends the chain
        QString label; // what handles it, when not the target itself
    };
    Resolved resolve(const QString &target) const;
    QString visit(const QString &key, QStringList *path, QHash<QString, int> *height) const;

    QHash<QString, qint64> m_domainIds;
    QHash<QString, qint64> m_aliasDomainTargets;
    QSet<QString> m_mailboxKeys;
    QHash<QString, Node> m_nodes;
};

} // namespace mailstead::core
