// ScriptedSmtpPeer.h - a small SMTP server on 127.0.0.1 for the queue's
// tests: answers as the test tells it (greeting, EHLO keywords, a reply per
// recipient, the reply after the data) and records what the client sent
//
// It reads commands line by line and, in DATA, until CRLF "." CRLF, and
// un-stuffs the dots, so tests compare the message as the client meant it.
#pragma once

#include <QByteArray>
#include <QByteArrayList>
#include <QHash>
#include <QList>
#include <QTcpServer>

class QTcpSocket;

struct ReceivedMessage {
    QByteArray mailFrom;   // the whole MAIL line
    QByteArrayList rcptTo; // accepted recipients' addresses
    QByteArray content;
};

class ScriptedSmtpPeer : public QObject {
    Q_OBJECT
public:
    explicit ScriptedSmtpPeer(QObject *parent = nullptr);
    ~ScriptedSmtpPeer() override;
    quint16 port() const { return m_server.serverPort(); }

    QByteArray greeting = "220 peer.test ESMTP";
    QByteArrayList ehloKeywords = {"PIPELINING", "8BITMIME", "SIZE 10000000", "SMTPUTF8",
                                   "ENHANCEDSTATUSCODES"};
    bool ehloRefused = false;                  // 502 to EHLO (HELO works)
    QHash<QByteArray, QByteArray> rcptReplies; // address -> reply line; default 250
    QByteArray dataReply = "250 2.0.0 queued";
    bool hangUpAfterData = false; // close without answering the final dot
    bool silent = false;          // never answer anything (a timeout)

    QList<ReceivedMessage> messages;
    QByteArrayList commands;    // every command line, in order
    QList<int> commandsPerRead; // how many commands each read brought (pipelining)
    int connections = 0;

Q_SIGNALS:
    void messageReceived();

private:
    struct Client {
        QByteArray buffer;
        bool inData = false;
        ReceivedMessage current;
    };
    void onConnection();
    void onReadyRead(QTcpSocket *socket);
    void handleCommand(QTcpSocket *socket, Client &client, const QByteArray &line);

    QTcpServer m_server;
    QHash<QTcpSocket *, Client> m_clients;
};
