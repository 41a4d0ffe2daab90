<#include "_lib.ftli">
${dear},

FINAL NOTICE BEFORE REFERRAL
Reference: ${notice.reference}

${relationship()} As of ${date(notice.date)} the debt is ${debt.dpd} days past due.
<#include "_history.ftli">

<#include "_amounts.ftli">

This is our final notice. Please pay ${debt.currency} ${money(debt.amountDue)} by ${date(notice.deadline)}, or contact us by that date to agree a repayment plan. If neither happens, we intend to refer the debt to a collection agency acting on our behalf and may take legal action to recover it. The notice is attached as a PDF.

Repay: ${payLink()}, the ${lender.appName} app, or bank transfer quoting ${notice.reference}. Plan or questions: ${lender.hotline}, ${lender.email}. Complaints: ${lender.complaints}.

Yours sincerely,
${lender.name}

--
You are receiving this e-mail because you have a loan with ${lender.name}. To stop payment reminders by e-mail, write to ${lender.email} or turn off e-mail reminders in the ${lender.appName} app (Settings > Notifications).<#if notice.unsubscribe??> Or unsubscribe from e-mail reminders here: ${notice.unsubscribe}</#if>
