<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Payment reminder</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222; max-width: 640px;">
<p>${dear},</p>
<p>This is a friendly reminder that <strong>${debt.currency} ${money(debt.amountDue)}</strong> on your ${loanRef} has not reached us yet. The oldest unpaid installment was due on ${date(debt.oldestDueDate)}; it is now ${debt.dpd} day<#if debt.dpd != 1>s</#if> past due.</p>
<#if debt.count gt 1>
<p>The amount covers ${debt.count} installments:</p>
<ul><#list debt.installments as i><li>due ${date(i.dueDate)}: ${money(i.amountDue)}</li></#list></ul>
</#if>
<p>If you have already paid, thank you, and please ignore this message: payments can take up to one business day to show.</p>
<p>How to pay:</p>
<ul>
  <li>online: <a href="${payLink()}">${payLink()}</a>;</li>
  <li>in the ${lender.appName} app, under Loans &gt; Repay.</li>
</ul>
<p>Having trouble paying? Call us at ${lender.hotline} or write to <a href="mailto:${lender.email}">${lender.email}</a>. We are glad to talk about a repayment plan that works for you.</p>
<p>Kind regards,<br>${lender.name}</p>
<hr>
<p style="font-size: 12px; color: #666;">You are receiving this e-mail because you have a loan with ${lender.name}. To stop payment reminders by e-mail, write to <a href="mailto:${lender.email}">${lender.email}</a> or turn off e-mail reminders in the ${lender.appName} app (Settings &gt; Notifications).<#if notice.unsubscribe??> Or <a href="${notice.unsubscribe}">unsubscribe from e-mail reminders</a>.</#if><br>Reference: ${notice.reference}</p>
</body>
</html>
