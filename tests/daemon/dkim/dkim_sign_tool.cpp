// dkim_sign_tool.cpp - signs one message with DkimSigner, for oracle tests
//
// Usage: dkim_sign_tool KEY.pem DOMAIN SELECTOR UNIX_TIME < message > signed
//
// Reads the message from standard input and writes the DKIM-Signature
// field DkimSigner makes, followed by the message unchanged. The e2e test
// tests/e2e/test_dkim.py hands the output to dkimpy and OpenDKIM, which
// must verify it with the public key from "mailsteadctl dkim show". Exit
// status 1 with a message on stderr when the key or the message is refused,
// 2 on a usage error.
#include "dkim/DkimKey.h"
#include "dkim/DkimSigner.h"

#include <cstdio>
#include <QCoreApplication>
#include <QFile>

using namespace Qt::StringLiterals;
using namespace mailstead::dkim;

namespace {

int fail(const QString &message, int status) {
    std::fprintf(stderr, "dkim_sign_tool: %s\n", qPrintable(message));
    return status;
}

} // namespace

int main(int argc, char **argv) {
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    bool timeOk = false;
    const qint64 signingTime = args.size() == 5 ? args.at(4).toLongLong(&timeOk) : 0;
    if (!timeOk)
        return fail(u"usage: dkim_sign_tool KEY.pem DOMAIN SELECTOR UNIX_TIME < message"_s, 2);

    QFile keyFile(args.at(1));
    if (!keyFile.open(QIODevice::ReadOnly))
        return fail(args.at(1) + u": "_s + keyFile.errorString(), 1);
    QString error;
    DkimPrivateKey key = DkimPrivateKey::fromPem(keyFile.readAll(), &error);
    if (key.isNull())
        return fail(args.at(1) + u": "_s + error, 1);

    QFile input;
    QFile output;
    if (!input.open(stdin, QIODevice::ReadOnly) || !output.open(stdout, QIODevice::WriteOnly))
        return fail(u"cannot open standard input or output"_s, 1);
    const QByteArray message = input.readAll();

    const DkimSigner signer(std::move(key), args.at(2), args.at(3));
    const DkimSignResult signature = signer.sign(message, signingTime);
    if (!signature.ok())
        return fail(signature.error, 1);
    output.write(signature.header);
    output.write(message);
    return output.flush() ? 0 : 1;
}
