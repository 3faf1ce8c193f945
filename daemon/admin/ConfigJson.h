// ConfigJson.h - config objects as the JSON of docs/ipc.md "Objects"
//
// Domain, AliasDomain, Mailbox and Alias in their wire shape (snake_case
// keys, sizes in bytes, times as ISO 8601 UTC), and the event.config
// notification that every successful mutation publishes.
#pragma once

#include "core/ConfigStore.h"

#include <QDateTime>
#include <QJsonObject>
#include <QString>

namespace mailstead::admin {

struct MethodContext;

QString isoTime(const QDateTime &time); // "2026-11-28T12:00:00Z"

QJsonObject toJson(const core::Domain &domain);
QJsonObject toJson(const core::AliasDomain &aliasDomain);
QJsonObject toJson(const core::Mailbox &mailbox);
QJsonObject toJson(const core::Alias &alias);

// Publishes event.config {object, action, name} and logs
// "OBJECT NAME ACTION" (e.g. "domain example.test added") at info.
// Deletes a removed mailbox's mail (a warning in the log if that fails; the
// configuration change stands).
void removeMailboxStorage(const MethodContext &context, const core::Mailbox &mailbox);

void announceConfigChange(const MethodContext &context, const QString &object,
                          const QString &action, const QString &name);

} // namespace mailstead::admin
