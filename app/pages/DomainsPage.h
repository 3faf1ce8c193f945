// DomainsPage.h - the domains and alias domains, with their editors
//
// A table of the primary domains (counts against limits, quota, usage bar)
// with Add, Edit and Remove, and below it the alias domains with Add and
// Remove. Removing a domain that still has mailboxes says so and removes
// them with it (domain.remove with force) once confirmed.
#pragma once

#include "ListPage.h"

class QPushButton;
class QTableView;

namespace mailstead::app {

class AliasDomainTableModel;
class DomainTableModel;

class DomainsPage : public ListPage {
    Q_OBJECT
public:
    explicit DomainsPage(DaemonConnection *connection, QWidget *parent = nullptr);

    void addDomain();
    void addAliasDomain();
    void removeSelected();
    void removeSelectedAliasDomain();

protected:
    void applyResult(const QJsonObject &result) override;
    void updateActions() override;
    void editSelected() override;

private:
    QJsonObject selectedAliasDomain() const;

    AliasDomainTableModel *m_aliasDomainModel = nullptr;
    QTableView *m_aliasDomainTableView = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_removeButton = nullptr;
    QPushButton *m_addAliasDomainButton = nullptr;
    QPushButton *m_removeAliasDomainButton = nullptr;
};

} // namespace mailstead::app
