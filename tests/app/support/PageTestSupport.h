// PageTestSupport.h - small helpers shared by the page and dialog tests
//
// Widgets are found by objectName (as in the screenshots); the helpers
// fail the test with the missing name instead of crashing on a null pointer.
#pragma once

#include <QObject>
#include <QString>
#include <QTest>

namespace mailstead::test {

template <typename T> T *child(QObject *parent, const QString &objectName) {
    T *found = parent ? parent->findChild<T *>(objectName) : nullptr;
    if (!found)
        qFatal("no %s named %s", T::staticMetaObject.className(), qPrintable(objectName));
    return found;
}

// Waits for a dialog (or message box) that a click opened without blocking.
template <typename T>
T *waitForChild(QObject *parent, const QString &objectName, int timeoutMs = 10000) {
    T *found = nullptr;
    [[maybe_unused]] const bool appeared = QTest::qWaitFor(
        [&] {
            found = parent->findChild<T *>(objectName);
            return found != nullptr && found->isVisible();
        },
        timeoutMs);
    return found;
}

} // namespace mailstead::test
