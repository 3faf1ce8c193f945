// QueueTypes.cpp - names of recipient states, domains of recipients
#include "QueueTypes.h"

#include "QueueLimits.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace mailstead::queue {

QString recipientStateName(RecipientState state) {
    switch (state) {
    case RecipientState::Pending:
        return u"pending"_s;
    case RecipientState::Deferred:
        return u"deferred"_s;
    case RecipientState::Held:
        return u"held"_s;
    case RecipientState::Delivered:
        return u"delivered"_s;
    case RecipientState::Failed:
        return u"failed"_s;
    }
    return {};
}

bool parseRecipientState(const QString &name, RecipientState *state) {
    for (const RecipientState candidate :
         {RecipientState::Pending, RecipientState::Deferred, RecipientState::Held,
          RecipientState::Delivered, RecipientState::Failed}) {
        if (recipientStateName(candidate) == name) {
            *state = candidate;
            return true;
        }
    }
    return false;
}

QString QueueRecipient::domain() const {
    const qsizetype at = address.lastIndexOf(u'@');
    return at < 0 ? QString() : address.mid(at + 1).toLower();
}

bool QueuedMessage::isDone() const {
    return std::all_of(recipients.cbegin(), recipients.cend(),
                       [](const QueueRecipient &r) { return r.isFinal(); });
}

bool SmarthostSettings::appliesTo(const QString &sender) const {
    if (!isSet())
        return false;
    if (senderDomains.isEmpty())
        return true;
    const qsizetype at = sender.lastIndexOf(u'@');
    return at >= 0 && senderDomains.contains(sender.mid(at + 1).toLower());
}

} // namespace mailstead::queue
