// AcmeClient.cpp - see AcmeClient.h
#include "AcmeClient.h"

#include "AcmeChallengeTable.h"
#include "core/Log.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QSslConfiguration>

using namespace Qt::StringLiterals;

namespace mailstead::tls {

namespace {

constexpr char badNonce[] = "urn:ietf:params:acme:error:badNonce";

QByteArray json(const QJsonObject &object) {
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

AcmeClient::AcmeClient(AcmeChallengeTable *challenges, const AcmeLimits &limits, QObject *parent)
    : QObject(parent)
    , m_challenges(challenges)
    , m_limits(limits) {}

AcmeClient::~AcmeClient() {
    cleanUp();
}

bool AcmeClient::start(const AcmeRequest &request) {
    if (m_running)
        return false;
    m_running = true;
    m_request = request;
    m_nonce.clear();
    m_accountUrl.clear();
    m_orderUrl.clear();
    m_authorizations.clear();
    m_csr = {};
    Q_EMIT progress(u"reading the directory %1"_s.arg(request.directoryUrl));
    get(request.directoryUrl, [this](const Response &r) { onDirectory(r); });
    return true;
}

QNetworkRequest AcmeClient::request(const QString &url) const {
    QNetworkRequest req{QUrl(url)};
    req.setTransferTimeout(m_limits.requestTimeoutMs);
    req.setHeader(QNetworkRequest::UserAgentHeader, u"mailsteadd-acme"_s);
    if (!m_request.extraCaCertificates.isEmpty()) {
        QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
        ssl.addCaCertificates(m_request.extraCaCertificates);
        req.setSslConfiguration(ssl);
    }
    return req;
}

void AcmeClient::get(const QString &url, Handler handler) {
    send(m_network.get(request(url)), std::move(handler));
}

void AcmeClient::fetchNonce(std::function<void()> then) {
    send(m_network.head(request(m_newNonceUrl)), [this, then](const Response &r) {
        if (m_nonce.isEmpty()) {
            fail(problem(r, u"getting a nonce"_s));
            return;
        }
        then();
    });
}

void AcmeClient::post(const QString &url, const QByteArray &payload, Handler handler, int attempt) {
    auto signedPost = [this, url, payload, handler, attempt]() {
        const QByteArray body =
            m_request.accountKey.signedRequest(url, m_nonce, m_accountUrl, payload);
        m_nonce.clear();
        if (body.isEmpty()) {
            fail(u"cannot sign the request to %1"_s.arg(url));
            return;
        }
        QNetworkRequest req = request(url);
        req.setHeader(QNetworkRequest::ContentTypeHeader, u"application/jose+json"_s);
        send(m_network.post(req, body), [this, url, payload, handler, attempt](const Response &r) {
            if (r.status == 400 && r.json.value(u"type"_s).toString() == QLatin1String(badNonce) &&
                attempt < m_limits.maxBadNonceRetries) {
                post(url, payload, handler, attempt + 1);
                return;
            }
            handler(r);
        });
    };
    if (m_nonce.isEmpty())
        fetchNonce(signedPost);
    else
        signedPost();
}

void AcmeClient::send(QNetworkReply *reply, Handler handler) {
    connect(reply, &QNetworkReply::finished, this, [this, reply, handler]() {
        reply->deleteLater();
        if (!m_running)
            return;
        Response r;
        r.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray nonce = reply->rawHeader("Replay-Nonce");
        if (!nonce.isEmpty())
            m_nonce = nonce;
        if (r.status == 0) {
            r.networkError = reply->errorString();
            fail(u"cannot reach the ACME server at %1: %2"_s.arg(reply->url().toString(),
                                                                 r.networkError));
            return;
        }
        r.body = reply->read(m_limits.maxResponseBytes + 1);
        if (r.body.size() > m_limits.maxResponseBytes) {
            fail(u"the ACME server's answer from %1 is larger than %2 bytes"_s.arg(
                reply->url().toString(), QString::number(m_limits.maxResponseBytes)));
            return;
        }
        const QString type = reply->header(QNetworkRequest::ContentTypeHeader).toString();
        if (type.contains(u"json"_s))
            r.json = QJsonDocument::fromJson(r.body).object();
        r.location = QString::fromUtf8(reply->rawHeader("Location"));
        bool ok = false;
        const int retryAfter = reply->rawHeader("Retry-After").toInt(&ok);
        if (ok && retryAfter >= 0)
            r.retryAfterMs = std::min(retryAfter * 1000, m_limits.maxRetryAfterMs);
        handler(r);
    });
}

QString AcmeClient::problem(const Response &response, const QString &during) const {
    const QString detail = response.json.value(u"detail"_s).toString();
    const QString type = response.json.value(u"type"_s).toString();
    if (detail.isEmpty())
        return u"the ACME server answered %1 while %2"_s.arg(response.status).arg(during);
    QString text =
        u"the ACME server answered %1 while %2: %3"_s.arg(response.status).arg(during, detail);
    if (!type.isEmpty())
        text += u" ("_s + type + u')';
    const QJsonArray subproblems = response.json.value(u"subproblems"_s).toArray();
    for (const QJsonValue &sub : subproblems) {
        const QJsonObject object = sub.toObject();
        text += u"; "_s + object.value(u"identifier"_s).toObject().value(u"value"_s).toString() +
                u": "_s + object.value(u"detail"_s).toString();
    }
    return text;
}

void AcmeClient::onDirectory(const Response &r) {
    m_newNonceUrl = r.json.value(u"newNonce"_s).toString();
    m_newAccountUrl = r.json.value(u"newAccount"_s).toString();
    m_newOrderUrl = r.json.value(u"newOrder"_s).toString();
    if (r.status != 200 || m_newNonceUrl.isEmpty() || m_newAccountUrl.isEmpty() ||
        m_newOrderUrl.isEmpty()) {
        fail(r.status == 200 ? u"%1 is not an ACME directory"_s.arg(m_request.directoryUrl)
                             : problem(r, u"reading the directory"_s));
        return;
    }
    createAccount();
}

void AcmeClient::createAccount() {
    Q_EMIT progress(u"registering the ACME account"_s);
    QJsonObject payload{{u"termsOfServiceAgreed"_s, true}};
    if (!m_request.email.isEmpty())
        payload.insert(u"contact"_s, QJsonArray{QString(u"mailto:"_s + m_request.email)});
    post(m_newAccountUrl, json(payload), [this](const Response &r) {
        if ((r.status != 200 && r.status != 201) || r.location.isEmpty()) {
            fail(problem(r, u"registering the account"_s));
            return;
        }
        m_accountUrl = r.location;
        createOrder();
    });
}

void AcmeClient::createOrder() {
    Q_EMIT progress(u"ordering a certificate for %1"_s.arg(m_request.names.join(u", "_s)));
    QJsonArray identifiers;
    for (const QString &name : std::as_const(m_request.names))
        identifiers.append(QJsonObject{{u"type"_s, u"dns"_s}, {u"value"_s, name}});
    post(m_newOrderUrl, json(QJsonObject{{u"identifiers"_s, identifiers}}),
         [this](const Response &r) {
             m_finalizeUrl = r.json.value(u"finalize"_s).toString();
             if (r.status != 201 || r.location.isEmpty() || m_finalizeUrl.isEmpty()) {
                 fail(problem(r, u"creating the order"_s));
                 return;
             }
             m_orderUrl = r.location;
             const QJsonArray authorizations = r.json.value(u"authorizations"_s).toArray();
             for (const QJsonValue &url : authorizations)
                 m_authorizations.append(url.toString());
             nextAuthorization();
         });
}

void AcmeClient::nextAuthorization() {
    if (m_authorizations.isEmpty()) {
        finalize();
        return;
    }
    const QString url = m_authorizations.takeFirst();
    post(url, {}, [this, url](const Response &r) {
        const QString name = r.json.value(u"identifier"_s).toObject().value(u"value"_s).toString();
        const QString status = r.json.value(u"status"_s).toString();
        if (r.status != 200) {
            fail(problem(r, u"reading an authorization"_s));
            return;
        }
        if (status == u"valid"_s) {
            nextAuthorization();
            return;
        }
        if (status != u"pending"_s) {
            fail(u"the authorization for %1 is %2"_s.arg(name, status));
            return;
        }
        const QJsonArray challenges = r.json.value(u"challenges"_s).toArray();
        for (const QJsonValue &value : challenges) {
            const QJsonObject challenge = value.toObject();
            if (challenge.value(u"type"_s).toString() != u"http-01"_s)
                continue;
            const QString token = challenge.value(u"token"_s).toString();
            if (!m_challenges->put(token,
                                   m_request.accountKey.keyAuthorization(token.toLatin1()))) {
                fail(u"the ACME server sent an unusable HTTP-01 token for %1"_s.arg(name));
                return;
            }
            m_publishedTokens.append(token);
            Q_EMIT progress(u"proving control of %1 (HTTP-01)"_s.arg(name));
            post(challenge.value(u"url"_s).toString(), "{}", [this, url, name](const Response &c) {
                if (c.status != 200) {
                    fail(problem(c, u"answering the challenge for "_s + name));
                    return;
                }
                pollAuthorization(url, 0);
            });
            return;
        }
        fail(u"the ACME server offers no HTTP-01 challenge for %1"_s.arg(name));
    });
}

void AcmeClient::pollAuthorization(const QString &url, int polls) {
    post(url, {}, [this, url, polls](const Response &r) {
        const QString status = r.json.value(u"status"_s).toString();
        const QString name = r.json.value(u"identifier"_s).toObject().value(u"value"_s).toString();
        if (r.status != 200) {
            fail(problem(r, u"checking the authorization for "_s + name));
            return;
        }
        if (status == u"valid"_s) {
            nextAuthorization();
            return;
        }
        if (status == u"pending"_s || status == u"processing"_s) {
            if (polls >= m_limits.maxPolls) {
                fail(u"the ACME server did not validate %1 after %2 checks"_s.arg(name).arg(polls));
                return;
            }
            const int wait = r.retryAfterMs >= 0 ? r.retryAfterMs : m_limits.pollIntervalMs;
            QTimer::singleShot(wait, this, [this, url, polls]() {
                if (m_running)
                    pollAuthorization(url, polls + 1);
            });
            return;
        }
        // invalid: the challenge carries the CA's reason.
        QString reason;
        const QJsonArray challenges = r.json.value(u"challenges"_s).toArray();
        for (const QJsonValue &value : challenges) {
            const QJsonObject error = value.toObject().value(u"error"_s).toObject();
            if (!error.isEmpty())
                reason = error.value(u"detail"_s).toString() + u" ("_s +
                         error.value(u"type"_s).toString() + u')';
        }
        fail(u"the ACME server could not validate %1: %2"_s.arg(
            name, reason.isEmpty() ? u"authorization "_s + status : reason));
    });
}

void AcmeClient::finalize() {
    Q_EMIT progress(u"requesting the certificate"_s);
    m_csr = makeCertificateRequest(m_request.names);
    if (!m_csr.ok) {
        fail(m_csr.error);
        return;
    }
    post(m_finalizeUrl, json(QJsonObject{{u"csr"_s, QString::fromLatin1(base64Url(m_csr.csrDer))}}),
         [this](const Response &r) {
             if (r.status != 200) {
                 fail(problem(r, u"finalizing the order"_s));
                 return;
             }
             pollOrder(0);
         });
}

void AcmeClient::pollOrder(int polls) {
    post(m_orderUrl, {}, [this, polls](const Response &r) {
        const QString status = r.json.value(u"status"_s).toString();
        if (r.status != 200) {
            fail(problem(r, u"checking the order"_s));
            return;
        }
        if (status == u"valid"_s) {
            download(r.json.value(u"certificate"_s).toString());
            return;
        }
        if (status == u"invalid"_s) {
            fail(u"the ACME server refused the order: %1"_s.arg(
                r.json.value(u"error"_s).toObject().value(u"detail"_s).toString()));
            return;
        }
        if (polls >= m_limits.maxPolls) {
            fail(u"the ACME server did not issue the certificate after %1 checks"_s.arg(polls));
            return;
        }
        const int wait = r.retryAfterMs >= 0 ? r.retryAfterMs : m_limits.pollIntervalMs;
        QTimer::singleShot(wait, this, [this, polls]() {
            if (m_running)
                pollOrder(polls + 1);
        });
    });
}

void AcmeClient::download(const QString &url) {
    Q_EMIT progress(u"downloading the certificate"_s);
    post(url, {}, [this](const Response &r) {
        if (r.status != 200 || !r.body.contains("-----BEGIN CERTIFICATE-----")) {
            fail(problem(r, u"downloading the certificate"_s));
            return;
        }
        succeed(r.body);
    });
}

void AcmeClient::succeed(const QByteArray &chainPem) {
    cleanUp();
    m_running = false;
    qCInfo(core::lcCore, "ACME: certificate issued for %s",
           qUtf8Printable(m_request.names.join(u", "_s)));
    Q_EMIT finished(true, {}, chainPem, m_csr.keyPem);
}

void AcmeClient::fail(const QString &error) {
    cleanUp();
    m_running = false;
    qCWarning(core::lcCore, "ACME: %s", qUtf8Printable(error));
    Q_EMIT finished(false, error, {}, {});
}

void AcmeClient::cleanUp() {
    for (const QString &token : std::as_const(m_publishedTokens))
        m_challenges->remove(token);
    m_publishedTokens.clear();
}

} // namespace mailstead::tls
