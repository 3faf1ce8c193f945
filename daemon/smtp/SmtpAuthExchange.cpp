// SmtpAuthExchange.cpp - see SmtpAuthExchange.h
//
// RFC 4954 section 4, RFC 4616, draft-murchison-sasl-login.
//
// SECURITY: credentials from unauthenticated clients; never logged here.
#include "SmtpAuthExchange.h"

#include "core/SaslPlain.h"

#include <optional>

using namespace Qt::StringLiterals;

namespace mailstead::smtp {

namespace {

// RFC 4954 section 4: the LOGIN prompts, base64 of "Username:" and
// "Password:".
const QByteArray usernamePrompt = "Username:"_ba.toBase64();
const QByteArray passwordPrompt = "Password:"_ba.toBase64();

SmtpAuthStep refused(int code, QByteArrayView status, const QByteArray &text) {
    SmtpAuthStep step;
    step.kind = SmtpAuthStep::Kind::Refused;
    step.reply = makeReply(code, status, text);
    return step;
}

SmtpAuthStep challenge(const QByteArray &text) {
    SmtpAuthStep step;
    step.kind = SmtpAuthStep::Kind::Challenge;
    step.challenge = text;
    return step;
}

SmtpAuthStep badBase64() {
    return refused(501, "5.5.2", "Cannot decode the base64 response");
}

// Strict RFC 4648 base64; "=" alone is the empty response (RFC 4954
// section 4). nullopt when it does not decode.
std::optional<QByteArray> decode(QByteArrayView text) {
    if (text == "=")
        return QByteArray();
    if (text.isEmpty())
        return QByteArray();
    const auto result =
        QByteArray::fromBase64Encoding(text.toByteArray(), QByteArray::AbortOnBase64DecodingErrors);
    if (result.decodingStatus != QByteArray::Base64DecodingStatus::Ok)
        return std::nullopt;
    // fromBase64Encoding accepts missing padding; SASL responses are padded.
    if (text.size() % 4 != 0)
        return std::nullopt;
    return result.decoded;
}

bool validLoginField(const QByteArray &field) {
    return !field.isEmpty() && field.size() <= maxLoginFieldOctets && !field.contains('\0') &&
           QString::fromUtf8(field).toUtf8() == field;
}

} // namespace

QByteArray SmtpAuthExchange::mechanisms() {
    return "PLAIN LOGIN"_ba;
}

void SmtpAuthExchange::reset() {
    m_state = State::Idle;
    m_user.clear();
}

SmtpAuthStep SmtpAuthExchange::start(QByteArrayView mechanism, bool hasInitialResponse,
                                     QByteArrayView initialResponse) {
    reset();
    if (mechanism == "PLAIN") {
        if (!hasInitialResponse) {
            // RFC 4616 section 2: the server's challenge is empty.
            m_state = State::PlainResponse;
            return challenge({});
        }
        const std::optional<QByteArray> message = decode(initialResponse);
        if (!message)
            return badBase64();
        return plain(*message);
    }
    if (mechanism == "LOGIN") {
        if (!hasInitialResponse) {
            m_state = State::LoginUser;
            return challenge(usernamePrompt);
        }
        const std::optional<QByteArray> user = decode(initialResponse);
        if (!user)
            return badBase64();
        return loginUser(*user);
    }
    return refused(504, "5.5.4", "Unrecognized authentication type; use PLAIN or LOGIN");
}

SmtpAuthStep SmtpAuthExchange::respond(QByteArrayView line) {
    const State state = m_state;
    if (state == State::Idle)
        return refused(503, "5.5.1", "No authentication exchange in progress");
    m_state = State::Idle;
    if (line == "*") {
        // RFC 4954 section 4: the client cancels; the server answers 501.
        m_user.clear();
        return refused(501, "5.7.0", "Authentication cancelled");
    }
    const std::optional<QByteArray> data = decode(line);
    if (!data) {
        m_user.clear();
        return badBase64();
    }
    switch (state) {
    case State::PlainResponse:
        return plain(*data);
    case State::LoginUser:
        return loginUser(*data);
    case State::LoginPassword: {
        if (!validLoginField(*data)) {
            m_user.clear();
            return refused(535, "5.7.8", "Authentication credentials invalid");
        }
        SmtpAuthStep step;
        step.kind = SmtpAuthStep::Kind::Credentials;
        step.user = std::exchange(m_user, {});
        step.password = QString::fromUtf8(*data);
        return step;
    }
    case State::Idle:
        break;
    }
    return refused(503, "5.5.1", "No authentication exchange in progress");
}

SmtpAuthStep SmtpAuthExchange::plain(const QByteArray &message) {
    const std::optional<core::SaslPlainMessage> decoded = core::decodeSaslPlain(message);
    if (!decoded)
        return refused(501, "5.5.2", "Malformed PLAIN response (RFC 4616)");
    // RFC 4616 section 2: acting as another identity needs a policy that
    // allows it; ours does not (send-as grants cover that case).
    if (!decoded->authzid.isEmpty() &&
        decoded->authzid.compare(decoded->authcid, Qt::CaseInsensitive) != 0)
        return refused(535, "5.7.8", "Authorization identity must be the login name");
    SmtpAuthStep step;
    step.kind = SmtpAuthStep::Kind::Credentials;
    step.user = decoded->authcid;
    step.password = decoded->password;
    return step;
}

SmtpAuthStep SmtpAuthExchange::loginUser(const QByteArray &user) {
    if (!validLoginField(user)) {
        reset();
        return refused(535, "5.7.8", "Authentication credentials invalid");
    }
    m_user = QString::fromUtf8(user);
    m_state = State::LoginPassword;
    return challenge(passwordPrompt);
}

} // namespace mailstead::smtp
