// WizardProgress.h - where the setup wizard stands, kept between runs
//
// The wizard can be left at any page and resumed later: the page reached
// and the values entered so far are kept in the app's QSettings (group
// "setup_wizard", beside AppSettings' keys). Secrets are never stored here:
// the mailbox password only ever goes to the daemon. What the daemon
// already accepted (the domain, the mailbox) is remembered too, so that
// going through a page again does not ask the daemon to add it twice.
#pragma once

#include <QString>

namespace mailstead::app {

class WizardProgress {
public:
    // The page id to resume at; -1 when there is nothing to resume.
    int page() const;
    void setPage(int page);

    // A value entered on a page, by name ("hostname", "domain", ...).
    QString value(const QString &name) const;
    void setValue(const QString &name, const QString &value);

    // The wizard ran to its end once.
    bool finished() const;
    void setFinished(bool finished);

    // Forgets the page and the values (not whether it finished once).
    void clear();
};

} // namespace mailstead::app
