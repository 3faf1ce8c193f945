// MethodTable.cpp - admin IPC method dispatch
#include "MethodTable.h"

#include "core/Log.h"

#include <exception>

using namespace Qt::StringLiterals;

namespace mailstead::admin {

HandlerResult::HandlerResult(const QJsonValue &result)
    : m_value(result) {}

HandlerResult::HandlerResult(const QJsonObject &result)
    : m_value(QJsonValue(result)) {}

HandlerResult::HandlerResult(const ipc::RpcError &error)
    : m_value(error) {}

HandlerResult HandlerResult::deferred() {
    HandlerResult result;
    result.m_value = Deferred{};
    return result;
}

MethodTable::MethodTable() {
    addSystemMethods(*this);
    addDomainMethods(*this);
    addMailboxMethods(*this);
    addAliasMethods(*this);
    addCertMethods(*this);
    addQueueMethods(*this);
    addDkimMethods(*this);
    addDnsMethods(*this);
    addSendAsMethods(*this);
}

void MethodTable::add(const QString &method, Handler handler) {
    Q_ASSERT(!m_handlers.contains(method));
    m_handlers.insert(method, std::move(handler));
}

HandlerResult MethodTable::call(const QString &method, const QJsonObject &params,
                                const MethodContext &context) const {
    const auto it = m_handlers.constFind(method);
    if (it == m_handlers.constEnd()) {
        return ipc::RpcError{ipc::ErrorCode::MethodNotFound,
                             u"unknown method \""_s + method +
                                 u"\"; see system.hello for the list"_s,
                             {}};
    }
    // A bug in a handler must cost one request, not the daemon.
    try {
        HandlerResult result = it.value()(params, context);
        if (!result.ok() && !result.isDeferred() &&
            result.error().code == ipc::ErrorCode::InternalError)
            qCCritical(core::lcAdmin).noquote()
                << QString(method + u" failed: "_s + result.error().message);
        return result;
    } catch (const std::exception &e) {
        qCCritical(core::lcAdmin).noquote()
            << QString(method + u" threw: "_s + QString::fromLocal8Bit(e.what()));
    } catch (...) {
        qCCritical(core::lcAdmin).noquote() << QString(method + u" threw an unknown exception"_s);
    }
    return ipc::RpcError{ipc::ErrorCode::InternalError,
                         u"internal error in "_s + method + u"; see the daemon log"_s,
                         {}};
}

QStringList MethodTable::methodNames() const {
    QStringList names = m_handlers.keys();
    names.sort();
    return names;
}

QStringList MethodTable::eventNames() {
    // event.delivery is published by the SMTP server (smtp::deliveryEventName),
    // event.queue by the outbound queue (queue::queueEventName).
    return {QString::fromUtf16(eventConfig),
            QString::fromUtf16(eventHealth),
            QString::fromUtf16(eventLog),
            QString::fromUtf16(eventCert),
            u"event.delivery"_s,
            u"event.queue"_s};
}

} // namespace mailstead::admin
