// ConfigStoreTestSupport.cpp - see ConfigStoreTestSupport.h
#include "ConfigStoreTestSupport.h"

#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::StringLiterals;

namespace configstoretest {

const QString storedHash =
    u"$y$j9T$Hwn.TDkTf2syX4OJJOCE9/$0tB2IBUM3SZ.WbZ1Kc/1NCM1NyZp6SoISyxky3YbotA"_s;

bool isSentence(const QString &message) {
    return !message.isEmpty() && (message.at(0).isUpper() || message.at(0) == u'"') &&
           message.endsWith(u'.');
}
DomainSpec domainSpec(const QString &name, qint64 quota, int maxMailboxes, int maxAliases) {
    DomainSpec spec;
    spec.name = name;
    spec.quotaBytes = quota;
    spec.maxMailboxes = maxMailboxes;
    spec.maxAliases = maxAliases;
    return spec;
}

MailboxSpec mailboxSpec(const QString &address, qint64 quota) {
    MailboxSpec spec;
    spec.address = address;
    spec.passwordHash = storedHash;
    spec.quotaBytes = quota;
    return spec;
}

AliasSpec aliasSpec(const QString &source, const QStringList &targets) {
    AliasSpec spec;
    spec.source = source;
    spec.targets = targets;
    return spec;
}

bool applySetup(ConfigStore &store, const QStringList &steps) {
    for (const QString &step : steps) {
        const QStringList words = step.split(u' ', Qt::SkipEmptyParts);
        const QString &kind = words.at(0);
        QString failure;
        if (kind == u"domain") {
            DomainSpec spec = domainSpec(words.at(1));
            for (const QString &option : words.mid(2)) {
                const QString key = option.section(u'=', 0, 0);
                const qint64 value = option.section(u'=', 1).toLongLong();
                if (key == u"quota")
                    spec.quotaBytes = value;
                else if (key == u"mailboxes")
                    spec.maxMailboxes = int(value);
                else if (key == u"aliases")
                    spec.maxAliases = int(value);
            }
            const auto result = store.addDomain(spec);
            failure = result.ok() ? QString() : describe(result);
        } else if (kind == u"aliasdomain") {
            const auto result = store.addAliasDomain(words.at(1), words.at(2));
            failure = result.ok() ? QString() : describe(result);
        } else if (kind == u"mailbox") {
            const auto result = store.addMailbox(
                mailboxSpec(words.at(1), words.size() > 2 ? words.at(2).toLongLong() : 0));
            failure = result.ok() ? QString() : describe(result);
        } else if (kind == u"alias") {
            const auto result = store.addAlias(aliasSpec(words.at(1), words.mid(2)));
            failure = result.ok() ? QString() : describe(result);
        } else {
            failure = u"unknown setup step"_s;
        }
        if (!failure.isEmpty()) {
            qWarning("setup \"%s\" failed: %s", qPrintable(step), qPrintable(failure));
            return false;
        }
    }
    return true;
}

QString snapshot(const ConfigStore &store) {
    QStringList lines;
    for (const Domain &domain : store.domains()) {
        lines << u"domain %1 %2 %3 %4 %5 %6 %7 %8 [%9] %10/%11"_s
                     .arg(domain.name, domain.nameUnicode, domain.description)
                     .arg(domain.quotaBytes)
                     .arg(domain.maxMailboxes)
                     .arg(domain.maxAliases)
                     .arg(domain.active)
                     .arg(domain.created.toString(Qt::ISODate), domain.aliasDomains.join(u','))
                     .arg(domain.mailboxCount)
                     .arg(domain.aliasCount);
    }
    for (const AliasDomain &aliasDomain : store.aliasDomains()) {
        lines << u"aliasdomain %1 %2 %3 %4"_s.arg(aliasDomain.name, aliasDomain.target)
                     .arg(aliasDomain.active)
                     .arg(aliasDomain.created.toString(Qt::ISODate));
    }
    const QList<Mailbox> mailboxes = store.mailboxes().value();
    for (const Mailbox &mailbox : mailboxes) {
        lines << u"mailbox %1 %2 %3 %4 %5 %6 %7"_s
                     .arg(mailbox.address(), mailbox.displayName, mailbox.passwordHash)
                     .arg(mailbox.quotaBytes)
                     .arg(mailbox.active)
                     .arg(mailbox.created.toString(Qt::ISODate))
                     .arg(mailbox.id);
    }
    const QList<Alias> aliases = store.aliases().value();
    for (const Alias &alias : aliases) {
        lines << u"alias %1 %2 %3 %4"_s.arg(alias.source, alias.targets.join(u','))
                     .arg(alias.active)
                     .arg(alias.created.toString(Qt::ISODate));
    }
    return lines.join(u'\n');
}

RawConnection::RawConnection(const QString &path)
    : m_name(u"tst_configstore_raw"_s) {
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_name);
    db.setDatabaseName(path);
    db.open();
}

RawConnection::~RawConnection() {
    QSqlDatabase::removeDatabase(m_name);
}

bool RawConnection::exec(const QString &sql) {
    QSqlQuery query(QSqlDatabase::database(m_name));
    if (query.exec(sql))
        return true;
    qWarning("%s", qPrintable(query.lastError().text()));
    return false;
}

void StoreTestCase::openFresh() {
    QVERIFY(m_dir.isValid());
    m_path = m_dir.filePath(u"config-%1.db"_s.arg(++m_files));
    m_store = std::make_unique<ConfigStore>(m_path);
    QVERIFY2(m_store->isOpen(), qPrintable(m_store->error()));
}

void StoreTestCase::closeStore() {
    m_store.reset();
}

} // namespace configstoretest
