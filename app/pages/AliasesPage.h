// AliasesPage.h - the aliases and catch-alls, with their editor
//
// Add an alias with one or more targets or a catch-all for a domain, change
// an alias's targets, disable or enable it, remove it after confirmation.
#pragma once

#include "ListPage.h"

class QPushButton;

namespace mailstead::app {

class AliasesPage : public ListPage {
    Q_OBJECT
public:
    explicit AliasesPage(DaemonConnection *connection, QWidget *parent = nullptr);

    void addAlias();
    void toggleActive();
    void removeSelected();

protected:
    void applyResult(const QJsonObject &result) override;
    void updateActions() override;
    void editSelected() override;

private:
    QPushButton *m_addButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_toggleActiveButton = nullptr;
    QPushButton *m_removeButton = nullptr;
};

} // namespace mailstead::app
