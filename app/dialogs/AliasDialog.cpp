// AliasDialog.cpp - add or edit an alias; see AliasDialog.h
#include "AliasDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace mailstead::app {

AliasDialog::AliasDialog(ipc::IpcClient *client, const QStringList &domains,
                         const QString &preselected, QWidget *parent)
    : IpcEditDialog(client, parent) {
    setObjectName(u"aliasDialog"_s);
    setWindowTitle(tr("Add alias"));

    auto *sourceWidget = new QWidget(this);
    sourceWidget->setObjectName(u"sourceWidget"_s);
    auto *sourceLayout = new QHBoxLayout(sourceWidget);
    sourceLayout->setContentsMargins(0, 0, 0, 0);
    m_localPartLineEdit = new QLineEdit(sourceWidget);
    m_localPartLineEdit->setObjectName(u"localPartLineEdit"_s);
    m_localPartLineEdit->setPlaceholderText(tr("sales"));
    auto *at = new QLabel(u"@"_s, sourceWidget);
    at->setObjectName(u"atLabel"_s);
    m_domainComboBox = new QComboBox(sourceWidget);
    m_domainComboBox->setObjectName(u"domainComboBox"_s);
    m_domainComboBox->addItems(domains);
    if (domains.contains(preselected))
        m_domainComboBox->setCurrentText(preselected);
    sourceLayout->addWidget(m_localPartLineEdit, 1);
    sourceLayout->addWidget(at);
    sourceLayout->addWidget(m_domainComboBox, 1);
    sourceWidget->setFocusProxy(m_localPartLineEdit);
    addFieldRow(tr("A&lias:"), sourceWidget, u"source"_s, u"source"_s);

    m_catchAllCheckBox = new QCheckBox(tr("&Catch-all: every address of the domain that has no "
                                          "mailbox or alias"),
                                       this);
    m_catchAllCheckBox->setObjectName(u"catchAllCheckBox"_s);
    form()->addRow(QString(), m_catchAllCheckBox);
    connect(m_catchAllCheckBox, &QCheckBox::toggled, this, [this](bool catchAll) {
        m_localPartLineEdit->setEnabled(!catchAll);
        if (catchAll)
            m_domainComboBox->setFocus();
    });
    addCommonRows({});
    finishLayout(tr("&Add"));
    setTabOrder(m_localPartLineEdit, m_domainComboBox);
    setTabOrder(m_domainComboBox, m_catchAllCheckBox);
    setTabOrder(m_catchAllCheckBox, m_targetsPlainTextEdit);
    m_localPartLineEdit->setFocus();
}

AliasDialog::AliasDialog(ipc::IpcClient *client, const QJsonObject &alias, QWidget *parent)
    : IpcEditDialog(client, parent)
    , m_editedSource(alias.value(u"source"_s).toString()) {
    setObjectName(u"aliasDialog"_s);
    setWindowTitle(tr("Edit alias %1").arg(m_editedSource));
    auto *source = new QLabel(m_editedSource, this);
    source->setObjectName(u"sourceValueLabel"_s);
    source->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form()->addRow(tr("Alias:"), source);
    addCommonRows(alias);
    finishLayout(tr("&Save"));
    m_targetsPlainTextEdit->setFocus();
}

void AliasDialog::addCommonRows(const QJsonObject &alias) {
    QStringList targets;
    const QJsonArray targetArray = alias.value(u"targets"_s).toArray();
    for (const QJsonValue &target : targetArray)
        targets.append(target.toString());
    m_targetsPlainTextEdit = new QPlainTextEdit(targets.join(u'\n'), this);
    m_targetsPlainTextEdit->setObjectName(u"targetsPlainTextEdit"_s);
    m_targetsPlainTextEdit->setPlaceholderText(tr("One address per line"));
    m_targetsPlainTextEdit->setTabChangesFocus(true);
    m_targetsPlainTextEdit->setMinimumHeight(m_targetsPlainTextEdit->fontMetrics().height() * 5);
    m_activeCheckBox = new QCheckBox(tr("&Enabled"), this);
    m_activeCheckBox->setObjectName(u"activeCheckBox"_s);
    m_activeCheckBox->setChecked(alias.value(u"active"_s).toBool(true));
    addFieldRow(tr("&Delivers to:"), m_targetsPlainTextEdit, u"targets"_s, u"targets"_s);
    addFieldRow(QString(), m_activeCheckBox, u"active"_s, u"active"_s);
}

QStringList AliasDialog::parseTargets(const QString &text) {
    static const QRegularExpression separators(u"[\\s,;]+"_s);
    return text.split(separators, Qt::SkipEmptyParts);
}

std::optional<IpcEditDialog::Request> AliasDialog::buildRequest() {
    const QStringList targets = parseTargets(m_targetsPlainTextEdit->toPlainText());
    if (targets.isEmpty()) {
        fieldErrors().showForField(u"targets"_s, tr("Enter at least one address to deliver to."));
        return std::nullopt;
    }
    QJsonObject params{
        {u"targets"_s, QJsonArray::fromStringList(targets)},
        {u"active"_s, m_activeCheckBox->isChecked()},
    };
    if (!m_editedSource.isEmpty()) {
        params.insert(u"source"_s, m_editedSource);
        return Request{u"alias.update"_s, params};
    }
    const QString domain = m_domainComboBox->currentText();
    if (domain.isEmpty()) {
        fieldErrors().showForField(u"source"_s, tr("Add a domain first."));
        return std::nullopt;
    }
    const QString localPart = m_localPartLineEdit->text().trimmed();
    if (!m_catchAllCheckBox->isChecked() && localPart.isEmpty()) {
        fieldErrors().showForField(
            u"source"_s, tr("Enter the part of the address before the @, or check Catch-all."));
        return std::nullopt;
    }
    const QString source =
        (m_catchAllCheckBox->isChecked() ? QString() : localPart) + u'@' + domain;
    params.insert(u"source"_s, source);
    return Request{u"alias.add"_s, params};
}

} // namespace mailstead::app
