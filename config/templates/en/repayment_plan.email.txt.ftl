<#include "_lib.ftli">
${dear},

${relationship()} As of ${date(notice.date)} the debt is ${debt.dpd} day<#if debt.dpd != 1>s</#if> past due.

<#include "_amounts.ftli">
<#include "_schedule.ftli">

To bring your loan up to date, please pay ${debt.currency} ${money(debt.amountDue)} by ${date(notice.deadline)}: online at ${payLink()}, in the ${lender.appName} app (Loans > Repay), or by bank transfer quoting ${notice.reference}. The later installments of your schedule stay as they are.

If paying this in one go is hard, reply or call ${lender.hotline} before ${date(notice.deadline)}: we will look with you at a repayment plan you can keep to.

Kind regards,
${lender.name}

--
You are receiving this e-mail because you have a loan with ${lender.name}. To stop payment reminders by e-mail, write to ${lender.email} or turn off e-mail reminders in the ${lender.appName} app (Settings > Notifications).<#if notice.unsubscribe??> Or unsubscribe from e-mail reminders here: ${notice.unsubscribe}</#if>
