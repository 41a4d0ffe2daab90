<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="en">
<head><meta charset="UTF-8"><title>Formal notice of overdue payment</title></head>
<body style="font-family: Arial, Helvetica, sans-serif; font-size: 15px; line-height: 1.5; color: #222; max-width: 640px;">
<p>${dear},</p>
<h2 style="font-size: 18px;">Formal notice of overdue payment</h2>
<p>Reference: ${notice.reference}</p>
<p>${relationship()} As of ${date(notice.date)} the debt is ${debt.dpd} days past due.</p>
<#include "_amounts.html.ftli">
<p>Please pay the total by <strong>${date(notice.deadline)}</strong>. The formal notice is attached to this e-mail as a PDF.</p>
<h3 style="font-size: 16px;">How to repay</h3>
<ul>
  <li>In full: <a href="${payLink()}">${payLink()}</a>, or in the ${lender.appName} app under Loans &gt; Repay.</li>
  <li>By bank transfer, quoting your loan number and the reference ${notice.reference}.</li>
  <li>In installments: contact us before ${date(notice.deadline)} and we will agree a repayment plan with you.</li>
</ul>
<#include "_schedule.html.ftli">
<#include "_history.html.ftli">
<h3 style="font-size: 16px;">If you disagree</h3>
<p>If you believe the amount is wrong or you have already paid, tell us at ${lender.hotline} or <a href="mailto:${lender.email}">${lender.email}</a>, quoting ${notice.reference}. We will look into it and reply, and pause reminders about the amount in question meanwhile.</p>
<h3 style="font-size: 16px;">Credit reporting</h3>
<p>We report repayment information to credit reporting agencies. This notice is our advance notice: if the overdue amount is not paid by ${date(notice.deadline)}, we may report this late payment, and it may appear on your credit record.</p>
<h3 style="font-size: 16px;">Contact us</h3>
<p>Hotline: ${lender.hotline}<br>E-mail: ${lender.email}<br>Website: ${lender.website}<br>Complaints: ${lender.complaints}</p>
<p>If you have already paid, please accept our thanks and disregard this notice.</p>
<p>Yours sincerely,<br>${lender.name}<br>${lender.address?replace("\n", ", ")}</p>
<hr>
<p style="font-size: 12px; color: #666;">You are receiving this e-mail because you have a loan with ${lender.name}. To stop payment reminders by e-mail, write to <a href="mailto:${lender.email}">${lender.email}</a> or turn off e-mail reminders in the ${lender.appName} app (Settings &gt; Notifications).<#if notice.unsubscribe??> Or <a href="${notice.unsubscribe}">unsubscribe from e-mail reminders</a>.</#if></p>
</body>
</html>
