// ScriptedSmtpPeer.cpp - see ScriptedSmtpPeer.h
#include "ScriptedSmtpPeer.h"

#include <QTcpSocket>

ScriptedSmtpPeer::ScriptedSmtpPeer(QObject *parent)
    : QObject(parent) {
    m_server.listen(QHostAddress::LocalHost, 0);
    connect(&m_server, &QTcpServer::newConnection, this, &ScriptedSmtpPeer::onConnection);
}

ScriptedSmtpPeer::~ScriptedSmtpPeer() {
    // The sockets report their disconnection while being destroyed.
    const QList<QTcpSocket *> sockets = m_clients.keys();
    for (QTcpSocket *socket : sockets)
        socket->disconnect(this);
}

void ScriptedSmtpPeer::onConnection() {
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        ++connections;
        m_clients.insert(socket, Client());
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] { onReadyRead(socket); });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_clients.remove(socket);
            socket->deleteLater();
        });
        if (!silent)
            socket->write(greeting + "\r\n");
    }
}

void ScriptedSmtpPeer::onReadyRead(QTcpSocket *socket) {
    Client &client = m_clients[socket];
    client.buffer += socket->readAll();
    if (silent)
        return;
    int commandsNow = 0;
    while (true) {
        if (client.inData) {
            const qsizetype end =
                client.buffer.startsWith(".\r\n") ? 0 : client.buffer.indexOf("\r\n.\r\n");
            if (end < 0)
                break;
            QByteArray content = end == 0 ? QByteArray() : client.buffer.left(end + 2);
            client.buffer.remove(0, end == 0 ? 3 : end + 5);
            client.inData = false;
            // Undo the dot-stuffing.
            content.replace("\r\n..", "\r\n.");
            if (content.startsWith(".."))
                content.remove(0, 1);
            client.current.content = content;
            messages.append(client.current);
            client.current = ReceivedMessage();
            if (hangUpAfterData) {
                socket->abort();
                return;
            }
            socket->write(dataReply + "\r\n");
            Q_EMIT messageReceived();
            continue;
        }
        const qsizetype end = client.buffer.indexOf("\r\n");
        if (end < 0)
            break;
        const QByteArray line = client.buffer.left(end);
        client.buffer.remove(0, end + 2);
        ++commandsNow;
        handleCommand(socket, client, line);
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
    if (commandsNow > 0)
        commandsPerRead.append(commandsNow);
}

void ScriptedSmtpPeer::handleCommand(QTcpSocket *socket, Client &client, const QByteArray &line) {
    commands.append(line);
    const QByteArray verb = line.left(4).toUpper();
    if (verb == "EHLO") {
        if (ehloRefused) {
            socket->write("502 5.5.1 EHLO unknown here\r\n");
            return;
        }
        QByteArray reply = "250";
        reply += ehloKeywords.isEmpty() ? " peer.test\r\n" : "-peer.test\r\n";
        for (qsizetype i = 0; i < ehloKeywords.size(); ++i)
            reply += (i + 1 == ehloKeywords.size() ? "250 " : "250-") + ehloKeywords.at(i) + "\r\n";
        socket->write(reply);
    } else if (verb == "HELO") {
        socket->write("250 peer.test\r\n");
    } else if (verb == "MAIL") {
        client.current = ReceivedMessage();
        client.current.mailFrom = line;
        socket->write("250 2.1.0 ok\r\n");
    } else if (verb == "RCPT") {
        const qsizetype open = line.indexOf('<');
        const qsizetype close = line.indexOf('>');
        const QByteArray address = line.mid(open + 1, close - open - 1);
        const QByteArray reply = rcptReplies.value(address, "250 2.1.5 ok");
        if (reply.startsWith('2'))
            client.current.rcptTo.append(address);
        socket->write(reply + "\r\n");
    } else if (verb == "DATA") {
        if (client.current.rcptTo.isEmpty()) {
            socket->write("554 5.5.1 no valid recipients\r\n");
            return;
        }
        client.inData = true;
        socket->write("354 go ahead\r\n");
    } else if (verb == "QUIT") {
        socket->write("221 2.0.0 bye\r\n");
        socket->disconnectFromHost();
    } else if (verb == "RSET" || verb == "NOOP") {
        socket->write("250 2.0.0 ok\r\n");
    } else {
        socket->write("502 5.5.2 unknown command\r\n");
    }
}
