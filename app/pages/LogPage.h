// LogPage.h - the daemon's log
//
// For a daemon the app started, its output (stdout and stderr, which carry
// its log) line by line as DaemonConnection forwards it, with the app's own
// supervision messages. For a daemon the app did not start, the event.log
// notifications it sends. The newest maxLogLines lines are kept.
#pragma once

#include <QJsonObject>
#include <QWidget>

class QPlainTextEdit;
class QPushButton;

namespace mailstead::app {

class DaemonConnection;

class LogPage : public QWidget {
    Q_OBJECT
public:
    explicit LogPage(DaemonConnection *connection, QWidget *parent = nullptr);

    void appendLine(const QString &line);

private:
    void onNotification(const QString &method, const QJsonObject &params);

    DaemonConnection *m_connection = nullptr;
    QPlainTextEdit *m_logPlainTextEdit = nullptr;
    QPushButton *m_clearButton = nullptr;
};

} // namespace mailstead::app
