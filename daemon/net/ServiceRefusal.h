// ServiceRefusal.h - the standard "not available" answer of each protocol
//
// Used by ListenerSet for a connection that arrives while no handler is
// registered for its service (a ListenerSet on its own, or the moment
// between binding and the daemon setting its handlers): SMTP and
// submission answer 554 then wait for QUIT (RFC 5321 section 3.1). Every
// service has its own server in mailsteadd (smtp/SmtpServer.h also serves
// submission and submissions, imap/ImapServer.h, pop3/Pop3Server.h,
// http/HttpServer.h). Implicit-TLS ports close without a byte, as there is
// no certificate to start TLS with.
//
// SECURITY: talks to anyone who connects, before any authentication; reads
// at most a few short lines (named limits in the .cpp), answers with fixed
// text and never interprets what it reads beyond the SMTP QUIT verb.
#pragma once

#include "core/DaemonConfig.h"

#include <QString>

class QTcpSocket;

namespace mailstead::net {

// Takes the socket: it is deleted after the refusal has been sent.
void refuseConnection(core::Service service, QTcpSocket *socket, const QString &hostname);

} // namespace mailstead::net
