// LogPage.cpp - the daemon's log; see LogPage.h
#include "LogPage.h"

#include "ipc/IpcClient.h"
#include "supervision/DaemonConnection.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace mailstead::app {

namespace {

constexpr int maxLogLines = 5000;
const QString logEvent = u"event.log"_s;

} // namespace

LogPage::LogPage(DaemonConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection) {
    setObjectName(u"logPage"_s);
    auto *layout = new QVBoxLayout(this);
    auto *topLayout = new QHBoxLayout;
    auto *explanation = new QLabel(
        tr("Output of a daemon started by Mailstead, or the log a running daemon sends."), this);
    explanation->setObjectName(u"logExplanationLabel"_s);
    explanation->setWordWrap(true);
    m_clearButton = new QPushButton(tr("C&lear"), this);
    m_clearButton->setObjectName(u"clearLogPushButton"_s);
    topLayout->addWidget(explanation, 1);
    topLayout->addWidget(m_clearButton);
    layout->addLayout(topLayout);

    m_logPlainTextEdit = new QPlainTextEdit(this);
    m_logPlainTextEdit->setObjectName(u"daemonLogPlainTextEdit"_s);
    m_logPlainTextEdit->setReadOnly(true);
    m_logPlainTextEdit->setMaximumBlockCount(maxLogLines);
    m_logPlainTextEdit->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_logPlainTextEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_logPlainTextEdit->setPlaceholderText(tr("Nothing logged yet."));
    layout->addWidget(m_logPlainTextEdit, 1);

    connect(m_clearButton, &QPushButton::clicked, m_logPlainTextEdit, &QPlainTextEdit::clear);
    connect(m_connection, &DaemonConnection::logLine, this, &LogPage::appendLine);
    connect(m_connection->client(), &ipc::IpcClient::notificationReceived, this,
            &LogPage::onNotification);
    m_connection->client()->subscribe({logEvent});
}

void LogPage::appendLine(const QString &line) {
    m_logPlainTextEdit->appendPlainText(line);
}

void LogPage::onNotification(const QString &method, const QJsonObject &params) {
    // A child's output already carries its log.
    if (method != logEvent || m_connection->ownsDaemon())
        return;
    appendLine(params.value(u"time"_s).toString() + u' ' +
               params.value(u"level"_s).toString().toUpper() + u' ' +
               params.value(u"subsystem"_s).toString() + u": "_s +
               params.value(u"message"_s).toString());
}

} // namespace mailstead::app
