<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>mailstead::app::AliasDialog</name>
    <message>
        <source>Add alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>sales</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Catch-all: every address of the domain that has no mailbox or alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit alias %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One address per line</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delivers to:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter at least one address to deliver to.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a domain first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the part of the address before the @, or check Catch-all.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;lias:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasDomainDialog</name>
    <message>
        <source>Add alias domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.net</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail to any address of the alias domain goes to the same address in this domain.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delivers to domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the alias domain&apos;s name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a domain first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;lias domain:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasDomainTableModel</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivers to domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasTableModel</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Catch-all: receives mail for every address of %1 that has no mailbox or alias of its own.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delivers to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::AliasesPage</name>
    <message>
        <source>&amp;Add alias…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the catch-all of %1? Mail to unknown addresses of the domain will be refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the alias %1?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove alias</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::DaemonConnection</name>
    <message>
        <source>mailsteadd did not stop within %1 seconds; killing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No daemon answered at %1; starting a local one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailsteadd was not found (looked in: %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started %1 (process %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 in local mode…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailsteadd crashed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailsteadd was killed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>mailsteadd exited with status %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start mailsteadd: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopping mailsteadd…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starting %1 %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restarting mailsteadd…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::DomainDialog</name>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit domain %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Total storage of all mailboxes of the domain. Sizes count in powers of 1024; empty or 0 means unlimited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Receive mail for this domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Domain name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mailboxes at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;liases at most:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the domain name, such as example.com.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::DomainTableModel</name>
    <message>
        <source>%1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n message(s)</source>
        <translation>
            <numerusform>%n message</numerusform>
            <numerusform>%n messages</numerusform>
        </translation>
    </message>
    <message>
        <source>Domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Description</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::DomainsPage</name>
    <message>
        <source>&amp;Add domain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a&amp;lias domain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remo&amp;ve alias domain…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the domain %1? Mail to its addresses will be refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Its %n mailbox(es) and all the mail in them will be deleted too, as will its aliases and alias domains.</source>
        <translation>
            <numerusform>Its %n mailbox and all the mail in it will be deleted too, as will its aliases and alias domains.</numerusform>
            <numerusform>Its %n mailboxes and all the mail in them will be deleted too, as will its aliases and alias domains.</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove alias domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove the alias domain %1? Mail to its addresses will no longer reach %2.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::IpcEditDialog</name>
    <message>
        <source>Unlimited (or a size such as 500M, 2G)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sizes count in powers of 1024: 1G is 1024 MiB. Empty or 0 means unlimited.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a size; write a number with an optional unit, such as 500M or 2G.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::JsonTableModel</name>
    <message>
        <source>Unlimited</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::LogPage</name>
    <message>
        <source>Output of a daemon started by Mailstead, or the log a running daemon sends.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing logged yet.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::MailboxDialog</name>
    <message>
        <source>Add mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>alice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit mailbox %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alice Example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Enabled: receives mail and may log in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quota:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the part of the address before the @.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add a domain first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a password or generate one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A&amp;ddress:</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::MailboxTableModel</name>
    <message>
        <source>Active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Disabled</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quota</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Used</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::MailboxesPage</name>
    <message>
        <source>Search addresses and names</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Search:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Add mailbox…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;password…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Disable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E&amp;nable</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Refuse mail and logins for this mailbox; its mail is kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Accept mail and logins for this mailbox again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Remove mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remove the mailbox %1 and delete its %n message(s)? This cannot be undone.</source>
        <translation>
            <numerusform>Remove the mailbox %1 and delete its %n message? This cannot be undone.</numerusform>
            <numerusform>Remove the mailbox %1 and delete its %n messages? This cannot be undone.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>mailstead::app::MainWindow</name>
    <message>
        <source>Mailstead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the local daemon to start…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the daemon started by Mailstead (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected to a daemon at %1; retrying.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A daemon that Mailstead did not start is already running.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a local mailsteadd for this user.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the daemon that Mailstead started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a daemon started by Mailstead can be stopped here; stop a system service with systemctl.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliases</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Mailstead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the daemon that Mailstead started and start it again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a daemon started by Mailstead can be restarted here; restart a system service with systemctl.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::PasswordField</name>
    <message>
        <source>No password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Too short (at least %1 characters)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Weak</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fair</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Very strong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At least %1 characters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;how</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Generate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in a random password of %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cop&amp;y</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the password to the clipboard.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::ResetPasswordDialog</name>
    <message>
        <source>New password for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New &amp;password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Set password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter a password or generate one.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::SettingsDialog</name>
    <message>
        <source>Mailstead settings</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A new language applies when Mailstead starts again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Keep running in the system tray when the window is closed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This desktop has no system tray at the moment; closing the window quits Mailstead.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::StatusPage</name>
    <message>
        <source>Daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Version:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hostname:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mode:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Data directory:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Socket:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Uptime:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Health:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Configuration</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Alias domains:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailboxes:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Aliases:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Listeners</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the daemon status: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 d %2 h %3 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 min</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SMTP (incoming mail)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission (STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Submission (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP (STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>IMAP (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3 (STARTTLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>POP3 (TLS)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTP</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>HTTPS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Local (started for this user)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed (system service)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::TrayController</name>
    <message>
        <source>OK</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Open Mailstead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailstead: error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailstead: warning</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailstead is healthy again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailstead: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailstead daemon stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server is not running; no mail is received.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Domains: %1, mailboxes: %2, aliases: %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::UsageBarDelegate</name>
    <message>
        <source>%1 (%2 %)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Desktop manager for the Mailstead mail server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open on PAGE: status, domains, mailboxes, aliases or log.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start in the tray, without a window.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
