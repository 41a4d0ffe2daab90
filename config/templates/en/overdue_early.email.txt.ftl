<#include "_lib.ftli">
${dear},

This is a friendly reminder that ${debt.currency} ${money(debt.amountDue)} on your ${loanRef} has not reached us yet. The oldest unpaid installment was due on ${date(debt.oldestDueDate)}; it is now ${debt.dpd} day<#if debt.dpd != 1>s</#if> past due.
<#if debt.count gt 1>
The amount covers ${debt.count} installments:
<#list debt.installments as i>- due ${date(i.dueDate)}: ${money(i.amountDue)}
</#list></#if>
If you have already paid, thank you, and please ignore this message: payments can take up to one business day to show.

How to pay:
- online: ${payLink()}
- in the ${lender.appName} app, under Loans > Repay.

Having trouble paying? Call us at ${lender.hotline} or write to ${lender.email}. We are glad to talk about a repayment plan that works for you.

Kind regards,
${lender.name}

--
You are receiving this e-mail because you have a loan with ${lender.name}. To stop payment reminders by e-mail, write to ${lender.email} or turn off e-mail reminders in the ${lender.appName} app (Settings > Notifications).<#if notice.unsubscribe??> Or unsubscribe from e-mail reminders here: ${notice.unsubscribe}</#if>
Reference: ${notice.reference}
