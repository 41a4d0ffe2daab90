<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Overdue notice</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222; max-width: 640px;">
<p>Dear ${borrower.name},</p>
<h2 style="font-size: 18px;">Overdue notice</h2>
<p>Reference: ${notice.reference}</p>
<p>Our records show that <#if installment.number??>installment no. ${installment.number} of </#if>your loan ${installment.loanIdMasked}, due on ${installment.dueDate}, has not been paid. As of ${notice.date} it is ${installment.dpd} day<#if installment.dpd != 1>s</#if> past due.</p>
<table style="border-collapse: collapse; margin: 8px 0;">
  <caption style="text-align: left;">Amount overdue as of ${notice.date} (${installment.currency})</caption>
  <tr><td style="padding: 2px 16px 2px 0;">Principal</td><td style="text-align: right;">${installment.principal?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;">Interest</td><td style="text-align: right;">${installment.interest?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;">Fees</td><td style="text-align: right;">${installment.fees?string["0.00"]}</td></tr>
  <tr><td style="padding: 2px 16px 2px 0;"><strong>Total</strong></td><td style="text-align: right;"><strong>${installment.amountDue?string["0.00"]}</strong></td></tr>
</table>
<p>Please pay the total by <strong>${notice.deadline}</strong>.</p>
<h3 style="font-size: 16px;">How to pay</h3>
<ul>
  <li>In the ${lender.appName} app, under Loans &gt; Repay.</li>
  <li>Online at <a href="${lender.website}">${lender.website}</a>.</li>
  <li>By bank transfer, quoting your loan number and the reference ${notice.reference}; the account details are in the app.</li>
</ul>
<h3 style="font-size: 16px;">If you cannot pay in full</h3>
<p>Please contact us before ${notice.deadline}. We will listen to your situation and can agree a repayment plan with you: call ${lender.hotline} or write to <a href="mailto:${lender.email}">${lender.email}</a>.</p>
<h3 style="font-size: 16px;">If you disagree with this notice</h3>
<p>If you believe the amount is wrong or you have already paid, tell us at ${lender.hotline} or ${lender.email}, quoting ${notice.reference}. We will look into it and reply, and we will pause reminders about the amount in question while we do.</p>
<h3 style="font-size: 16px;">Credit reporting</h3>
<p>We report repayment information on your loan to credit reporting agencies. This notice is our advance notice to you: if the overdue amount is not paid by ${notice.deadline}, we may report this late payment, and it may appear on your credit record.</p>
<h3 style="font-size: 16px;">Contact us</h3>
<p>Hotline: ${lender.hotline}<br>E-mail: ${lender.email}<br>Website: ${lender.website}<br>Complaints: ${lender.complaints}</p>
<p>If you have already paid, please accept our thanks and disregard this notice.</p>
<p>Yours sincerely,<br>${lender.name}<br>${lender.address?replace("\n", ", ")}</p>
<hr>
<p style="font-size: 12px; color: #666;">You are receiving this e-mail because you have a loan with ${lender.name}. To stop receiving payment reminders by e-mail, reply to this e-mail with the word STOP or turn off e-mail reminders in the ${lender.appName} app (Settings &gt; Notifications).</p>
</body>
</html>
