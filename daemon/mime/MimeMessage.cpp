// MimeMessage.cpp - IMAP section numbers to parts
//
// RFC 9051 section 6.4.5 (FETCH BODY[<section>]), RFC 3501 section 6.4.5.
//
// SECURITY: section numbers come from the client; indexes are checked.

#include "MimeMessage.h"

namespace mailstead::mime {

int MimeMessage::partForSection(const QList<int> &section) const {
    if (parts.isEmpty())
        return -1;
    int current = 0;
    for (qsizetype k = 0; k < section.size(); ++k) {
        const int number = section.at(k);
        if (number < 1)
            return -1;
        // Below the top level only multiparts and messages have parts; a
        // message/rfc822 part's numbers count in its encapsulated message.
        int container = current;
        bool intoMessage = false;
        if (k > 0) {
            if (parts.at(current).kind == MimePart::Kind::Message) {
                container = parts.at(current).children.front();
                intoMessage = true;
            } else if (parts.at(current).kind != MimePart::Kind::Multipart) {
                return -1;
            }
        }
        const MimePart &part = parts.at(container);
        if (part.kind == MimePart::Kind::Multipart) {
            if (number > part.children.size())
                return -1;
            current = part.children.at(number - 1);
        } else if (number == 1 && (k == 0 || intoMessage)) {
            current = container; // a non-multipart message has one part: its body
        } else {
            return -1;
        }
    }
    return current;
}

} // namespace mailstead::mime
