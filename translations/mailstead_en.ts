<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>DnsStatus</name>
    <message>
        <source>Published</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Different</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Missing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No answer</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Found: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name resolves back to the address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The name does not resolve back to the address.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
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
    <name>mailstead::app::CertificatePage</name>
    <message>
        <source>Certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mail programs and other servers encrypt their connections to yours with this certificate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Self-signed: works at once; mail programs ask you once to trust it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Let&apos;s Encrypt: trusted everywhere; the server must be reachable on port 80</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Import certificate and key files</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example you@example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let&apos;s Encrypt writes here when a certificate is about to expire and was not renewed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact &amp;email:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>I &amp;agree to the Let&apos;s Encrypt Subscriber Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Read it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Use the s&amp;taging CA (for trying out: its certificates are not trusted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Request certificate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Certificate request progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>PEM files (*.pem *.crt *.key);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Certificate chain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example fullchain.pem</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Private &amp;key:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example privkey.pem (not encrypted)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Installed now: %1 certificate for %2, issued by %3, valid until %4.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Asking the CA for a certificate…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate is installed.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The file is larger than 1 MiB.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read %1: %2</source>
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
    <message>
        <source>Connecting to the installed service at %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::DaemonControls</name>
    <message>
        <source>Could not start %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not stop %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restart %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not read the state of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not start the daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not restart the daemon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The daemon that answers was not started by Mailstead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service %1: state unknown (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service %1: reading its state…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Service %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::DnsRecordsPage</name>
    <message>
        <source>DNS records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Publish these records at your DNS provider so that other servers find yours and trust its mail. Changes can take a while to show up; you can continue now and check again later.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>C&amp;heck again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Export BIND snippet…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not checked yet. Press &quot;Check again&quot; once the records are published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy the value of %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up every record…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 published, %2 missing, %3 different, %4 without answer.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export DNS records</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zone file snippets (*.zone *.txt);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved the records to %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save %1: %2</source>
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
    <name>mailstead::app::DomainPage</name>
    <message>
        <source>Your mail domain</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The part after the @ in your addresses: for alice@example.com that is example.com. You need to own it and manage its DNS records.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Domain:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a domain name: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You need a domain registered in your name and access to its DNS settings at your registrar or DNS provider: the next page lists the records to enter there. A domain whose mail is handled elsewhere today keeps going there until you change its MX record.

More domains, quotas and limits can be added later on the Domains page of the main window.</source>
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
    <name>mailstead::app::HostnamePage</name>
    <message>
        <source>Host name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The full name of this server on the internet, such as mail.example.com. Other mail servers and your mail programs connect to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example mail.example.com</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Check DNS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Status</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Should be</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Host name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This machine&apos;s &amp;addresses:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (private: reachable only in your network)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (public)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No address besides the loopback address.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter the server&apos;s host name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a valid host name: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Other servers cannot reach &quot;%1&quot;; enter the name this machine has on the internet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server currently calls itself %1. To change that, set &quot;hostname = %2&quot; in the [general] section of its configuration file and restart it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Looking up the host name&apos;s records…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked the records of %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check whether the name points to this server (A/AAAA) and each address points back to the name (PTR).</source>
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
    <name>mailstead::app::MailboxPage</name>
    <message>
        <source>Your first mailbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The address you will read mail at, and the password your mail programs log in with.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example alice</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>for example Alice Baker</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Address:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Password:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password needs at least %1 characters.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This password is easy to guess. Make it longer, mix in other kinds of characters, or press Generate.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your mail programs ask for this password once. Keep it in your password manager: Mailstead stores only a hash of it and cannot show it again. More mailboxes and aliases can be added later in the main window.</source>
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
        <source>Run setup &amp;wizard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start the system service %1 (asks for an administrator&apos;s password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stop the system service %1 (asks for an administrator&apos;s password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Restart the system service %1 (asks for an administrator&apos;s password).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a daemon started by Mailstead can be stopped here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only a daemon started by Mailstead can be restarted here.</source>
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
    <name>mailstead::app::SecretStore</name>
    <message>
        <source>The keychain refused the request (error %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::ServiceController</name>
    <message>
        <source>The authentication dialog was dismissed (pkexec exit code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not authorized, or the authentication failed (pkexec exit code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 exited with code %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unknown</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not installed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>masked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>active</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>inactive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>failed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>starting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopping</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>reloading</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, process %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not run %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Install pkexec (package pkexec) or run &quot;%1&quot; as root.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 crashed.</source>
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
    <name>mailstead::app::SetupWizard</name>
    <message>
        <source>Set up Mailstead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Close the wizard; it starts again on this page next time.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>mailstead::app::SmtpTestClient</name>
    <message>
        <source>The server did not answer within %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent something that is not an SMTP reply: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent a line longer than %1 bytes.</source>
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
    <name>mailstead::app::SummaryPage</name>
    <message>
        <source>Ready</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your mail server is set up. Enter these settings in Thunderbird, Outlook or your phone&apos;s mail app.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connection</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Port</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Security</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send a &amp;test message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>User name: %1
Password: the one you chose for this mailbox
Server: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming mail (IMAP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Incoming mail (POP3)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server has no smtp listener to receive a test message.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic configuration: off (the server has no http listener). Enter the settings above by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checking automatic configuration…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic configuration: on. Thunderbird and other programs that ask autoconfig.%1 fill in these settings themselves once its DNS record is published.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Automatic configuration does not answer (%1); enter the settings by hand.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sending…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mailstead test message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message was sent by the Mailstead setup wizard to check that your server receives mail. You can delete it.
</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the message: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sent; waiting for it to arrive…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server accepted the message, but it did not arrive in the mailbox within %1 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The test message arrived in the inbox of %1.</source>
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
    <message>
        <source>The mail server reports a problem; the Status page and the Log page have the details.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mail server reports no problems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>S&amp;top service</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start service</source>
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
    <name>mailstead::app::WelcomePage</name>
    <message>
        <source>Welcome to Mailstead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A few questions, and this computer runs a mail server for your domain. First: where should the server run?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Here, started by this app (local mode)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The &amp;installed service on this machine (systemd)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Start the local server</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The app starts the mail server for you and stops it when you quit. Its data stays in your home folder and it listens on the usual ports plus 10000 (10025 for SMTP, 10993 for IMAP), so it needs no administrator rights. Good for trying Mailstead out; other servers reach it only if you forward the standard ports to it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailsteadd service installed on this machine runs without the app, starts at boot and listens on the standard ports (25, 587, 465, 993, 995). Choose this for a real mail server. Start it with &quot;sudo systemctl start mailsteadd&quot; if it is not running yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the server this app started (%1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connected to the server at %1; the wizard sets up this one.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Waiting for the local server to start…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No server is running yet. Start the local one to continue.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The installed service does not answer at %1. Start it, then wait here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Then the wizard asks for the server&apos;s host name and your mail domain, shows the DNS records to publish, sets up a certificate and your first mailbox, and ends with the settings for your mail programs and a test message. You can close it at any time and continue where you left off.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no installed service here: %1 does not exist. Install Mailstead&apos;s mailsteadd service and start it, or choose local mode.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting to the installed service at %1…</source>
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
