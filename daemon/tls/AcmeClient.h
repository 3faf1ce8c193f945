// AcmeClient.h - gets a certificate from an ACME server (Let's Encrypt,
// its staging environment, or any RFC 8555 CA) with HTTP-01 challenges
//
// RFC 8555: section 7.1.1 (directory), 7.2 (nonces; a badNonce error is
// retried with the fresh nonce, section 6.5), 7.3 (account: the same key
// finds the same account again, so only the key is stored), 7.4 (order,
// finalize, certificate download as application/pem-certificate-chain),
// 7.5 (authorizations, polled respecting Retry-After), 8.3 (HTTP-01: the
// key authorization is published in the AcmeChallengeTable, which the
// daemon's http listener serves, and removed afterwards), 6.7 (problem
// documents: the CA's "detail" is reported verbatim).
//
// One issuance at a time; progress() tells each step (for the wizard's live
// view), finished() the outcome: the chain and its new key on success, the
// CA's error otherwise. Runs in the thread that owns it (the main thread);
// all network I/O is asynchronous.
//
// SECURITY: talks to the configured ACME server over HTTPS (certificates
// verified against the system store plus an optional extra CA file, for
// test CAs). Everything the server sends is untrusted JSON: sizes are
// bounded and nothing from it is used as a path or command.
#pragma once

#include "AcmeCrypto.h"

#include <functional>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QObject>
#include <QSslCertificate>
#include <QStringList>
#include <QTimer>

class QNetworkReply;

namespace mailstead::tls {

class AcmeChallengeTable;

struct AcmeLimits {
    int maxPolls = 60;               // per authorization and for the order
    int pollIntervalMs = 1000;       // without a Retry-After
    int maxRetryAfterMs = 30 * 1000; // a longer Retry-After is shortened to this
    int requestTimeoutMs = 30 * 1000;
    qint64 maxResponseBytes = 1024 * 1024;
    int maxBadNonceRetries = 3;
};

struct AcmeRequest {
    QString directoryUrl;
    QString email;     // contact; empty: none
    QStringList names; // names[0] is the subject CN
    AcmeAccountKey accountKey;
    QList<QSslCertificate> extraCaCertificates; // trusted besides the system's
};

class AcmeClient : public QObject {
    Q_OBJECT

public:
    AcmeClient(AcmeChallengeTable *challenges, const AcmeLimits &limits = {},
               QObject *parent = nullptr);
    ~AcmeClient() override;

    bool isRunning() const { return m_running; }
    // Starts an issuance; false when one is running already.
    bool start(const AcmeRequest &request);

Q_SIGNALS:
    void progress(const QString &step);
    // ok: chainPem and keyPem hold the new certificate; otherwise error
    // says what failed, with the CA's own words where it gave any.
    void finished(bool ok, const QString &error, const QByteArray &chainPem,
                  const QByteArray &keyPem);

private:
    struct Response {
        int status = 0;
        QByteArray body;
        QJsonObject json;
        QString location;
        int retryAfterMs = -1;
        QString networkError;
    };
    using Handler = std::function<void(const Response &)>;

    void get(const QString &url, Handler handler);
    void fetchNonce(std::function<void()> then);
    // Signed POST; kid empty: jwk (newAccount). payload null: POST-as-GET.
    void post(const QString &url, const QByteArray &payload, Handler handler, int attempt = 0);
    void send(QNetworkReply *reply, Handler handler);
    QNetworkRequest request(const QString &url) const;

    void onDirectory(const Response &response);
    void createAccount();
    void createOrder();
    void nextAuthorization();
    void pollAuthorization(const QString &url, int polls);
    void finalize();
    void pollOrder(int polls);
    void download(const QString &url);
    void succeed(const QByteArray &chainPem);
    void fail(const QString &error);
    // "the CA answered 403: <detail> (urn:...:unauthorized)"
    QString problem(const Response &response, const QString &during) const;
    void cleanUp();

    AcmeChallengeTable *m_challenges;
    AcmeLimits m_limits;
    QNetworkAccessManager m_network;
    AcmeRequest m_request;
    bool m_running = false;
    QByteArray m_nonce;
    QString m_newNonceUrl;
    QString m_newAccountUrl;
    QString m_newOrderUrl;
    QString m_accountUrl;
    QString m_orderUrl;
    QString m_finalizeUrl;
    QStringList m_authorizations;
    QStringList m_publishedTokens;
    CertificateRequest m_csr;
};

} // namespace mailstead::tls
