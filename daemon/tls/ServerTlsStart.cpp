// ServerTlsStart.cpp - see ServerTlsStart.h
//
// SECURITY: see ServerTlsStart.h.
#include "ServerTlsStart.h"

#include "CertificateStore.h"
#include "ClientHelloParser.h"
#include "core/Log.h"

#include <QByteArray>
#include <QSslSocket>
#include <QTimer>

namespace mailstead::tls {
namespace {

// Lives as the socket's child from startServerTls() until the handshake
// starts or the connection is closed.
class ClientHelloWait : public QObject {
public:
    ClientHelloWait(QSslSocket *socket, const CertificateStore *certificates)
        : QObject(socket)
        , m_socket(socket)
        , m_certificates(certificates) {
        m_timer.setSingleShot(true);
        connect(&m_timer, &QTimer::timeout, this, [this] {
            qCInfo(core::lcNet).noquote()
                << "closing the connection from" << m_socket->peerAddress().toString()
                << ": no TLS ClientHello within" << clientHelloTimeout.count() << "ms";
            close();
        });
        connect(m_socket, &QIODevice::readyRead, this, &ClientHelloWait::check);
        m_timer.start(clientHelloTimeout);
    }

    void check() {
        // In UnencryptedMode QSslSocket::peek() reads the plain socket's
        // buffer without taking anything out of it.
        const QByteArray bytes = m_socket->peek(maxClientHelloBytes + 1);
        const ClientHelloParse hello = parseClientHello(bytes);
        switch (hello.status) {
        case ClientHelloParse::Status::Incomplete:
            if (bytes.size() > maxClientHelloBytes) {
                qCInfo(core::lcNet).noquote()
                    << "closing the connection from" << m_socket->peerAddress().toString()
                    << ": no complete ClientHello in" << maxClientHelloBytes << "octets";
                close();
            }
            return;
        case ClientHelloParse::Status::Error:
            qCDebug(core::lcNet).noquote()
                << "TLS from" << m_socket->peerAddress().toString() << "starts with" << hello.error
                << "; OpenSSL answers it";
            begin(QString());
            return;
        case ClientHelloParse::Status::Ok:
            begin(hello.serverName);
            return;
        }
    }

private:
    void begin(const QString &serverName) {
        finishWaiting();
        m_socket->setSslConfiguration(m_certificates->serverConfiguration(serverName));
        m_socket->startServerEncryption();
    }

    void close() {
        QSslSocket *socket = m_socket;
        finishWaiting();
        socket->abort();
    }

    void finishWaiting() {
        m_timer.stop();
        disconnect(m_socket, nullptr, this, nullptr);
        deleteLater();
    }

    QSslSocket *m_socket;
    const CertificateStore *m_certificates;
    QTimer m_timer;
};

} // namespace

void startServerTls(QSslSocket *socket, const CertificateStore *certificates) {
    auto *wait = new ClientHelloWait(socket, certificates);
    // Qt may have read the ClientHello already (its readyRead went out
    // before this wait existed).
    if (socket->bytesAvailable() > 0)
        wait->check();
}

qint64 discardPlaintextInput(QSslSocket *socket, QByteArray *input, qsizetype *consumed) {
    const qint64 discarded = (input->size() - *consumed) + socket->bytesAvailable();
    input->clear();
    *consumed = 0;
    socket->skip(socket->bytesAvailable());
    return discarded;
}

} // namespace mailstead::tls
