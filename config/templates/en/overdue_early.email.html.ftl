<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Payment reminder</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222; max-width: 640px;">
<p>Dear ${borrower.name},</p>
<p>This is a friendly reminder that the payment of <strong>${installment.currency} ${installment.amountDue?string["0.00"]}</strong> for <#if installment.number??>installment no. ${installment.number} of </#if>your loan ${installment.loanIdMasked}, due on ${installment.dueDate}, has not reached us yet. It is now ${installment.dpd} day<#if installment.dpd != 1>s</#if> past due.</p>
<p>If you have already paid, thank you, and please ignore this message: payments can take up to one business day to show.</p>
<p>How to pay:</p>
<ul>
  <li>in the ${lender.appName} app, under Loans &gt; Repay;</li>
  <li>online at <a href="${lender.website}">${lender.website}</a>.</li>
</ul>
<p>Having trouble paying? Call us at ${lender.hotline} or write to <a href="mailto:${lender.email}">${lender.email}</a>. We are glad to talk about a repayment plan that works for you.</p>
<p>Kind regards,<br>${lender.name}</p>
<hr>
<p style="font-size: 12px; color: #666;">You are receiving this e-mail because you have a loan with ${lender.name}. To stop receiving payment reminders by e-mail, reply to this e-mail with the word STOP or turn off e-mail reminders in the ${lender.appName} app (Settings &gt; Notifications).<br>Reference: ${notice.reference}</p>
</body>
</html>
