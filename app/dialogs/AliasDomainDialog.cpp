// AliasDomainDialog.cpp - add an alias domain; see AliasDomainDialog.h
#include "AliasDomainDialog.h"

#include <QComboBox>
#include <QLineEdit>

using namespace Qt::StringLiterals;

namespace mailstead::app {

AliasDomainDialog::AliasDomainDialog(ipc::IpcClient *client, const QStringList &domains,
                                     const QString &preselected, QWidget *parent)
    : IpcEditDialog(client, parent) {
    setObjectName(u"aliasDomainDialog"_s);
    setWindowTitle(tr("Add alias domain"));
    m_nameLineEdit = new QLineEdit(this);
    m_nameLineEdit->setObjectName(u"nameLineEdit"_s);
    m_nameLineEdit->setPlaceholderText(tr("example.net"));
    m_aliasForComboBox = new QComboBox(this);
    m_aliasForComboBox->setObjectName(u"aliasForComboBox"_s);
    m_aliasForComboBox->addItems(domains);
    if (domains.contains(preselected))
        m_aliasForComboBox->setCurrentText(preselected);
    m_aliasForComboBox->setToolTip(
        tr("Mail to any address of the alias domain goes to the same address in this domain."));
    addFieldRow(tr("A&lias domain:"), m_nameLineEdit, u"name"_s, u"name"_s);
    addFieldRow(tr("&Delivers to domain:"), m_aliasForComboBox, u"alias_for"_s, u"aliasFor"_s);
    finishLayout(tr("&Add"));
    m_nameLineEdit->setFocus();
}

std::optional<IpcEditDialog::Request> AliasDomainDialog::buildRequest() {
    const QString name = m_nameLineEdit->text().trimmed();
    if (name.isEmpty()) {
        fieldErrors().showForField(u"name"_s, tr("Enter the alias domain's name."));
        return std::nullopt;
    }
    if (m_aliasForComboBox->currentText().isEmpty()) {
        fieldErrors().showForField(u"alias_for"_s, tr("Add a domain first."));
        return std::nullopt;
    }
    return Request{
        u"domain.add"_s,
        QJsonObject{{u"name"_s, name}, {u"alias_for"_s, m_aliasForComboBox->currentText()}}};
}

} // namespace mailstead::app
