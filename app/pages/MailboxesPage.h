// MailboxesPage.h - the mailboxes, searchable, with their editors
//
// A search field filters the table (address, name, any column); buttons
// add a mailbox (with a generated password if wanted), edit its name and
// quota, set a new password, disable or enable it, and remove it (with its
// mail, after confirmation).
#pragma once

#include "ListPage.h"

class QLineEdit;
class QPushButton;

namespace mailstead::app {

class MailboxesPage : public ListPage {
    Q_OBJECT
public:
    explicit MailboxesPage(DaemonConnection *connection, QWidget *parent = nullptr);

    void addMailbox();
    void resetPassword();
    void toggleActive();
    void removeSelected();

protected:
    void applyResult(const QJsonObject &result) override;
    void updateActions() override;
    void editSelected() override;

private:
    QLineEdit *m_searchLineEdit = nullptr;
    QPushButton *m_addButton = nullptr;
    QPushButton *m_editButton = nullptr;
    QPushButton *m_passwordButton = nullptr;
    QPushButton *m_toggleActiveButton = nullptr;
    QPushButton *m_removeButton = nullptr;
};

} // namespace mailstead::app
