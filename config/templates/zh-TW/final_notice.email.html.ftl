<#include "_lib.ftli">
<!DOCTYPE html>
<html lang="zh-TW">
<head><meta charset="UTF-8"><title>移交催收前的最後通知</title></head>
<body style="font-family: 'PingFang TC', 'Microsoft JhengHei', sans-serif; font-size: 15px; line-height: 1.7; color: #222; max-width: 640px;">
<p>${dear}</p>
<h2 style="font-size: 18px;">移交催收前的最後通知</h2>
<p>通知編號：${notice.reference}</p>
<p>${relationship()}截至${date(notice.date)}，該筆欠款已逾期${debt.dpd}天。</p>
<#include "_history.html.ftli">
<#include "_amounts.html.ftli">
<p>這是我們的最後通知。請您於<strong>${date(notice.deadline)}</strong>前還清<strong>${amount(debt.amountDue)}</strong>，或在該日期前與我們聯絡，協商還款計畫。如屆時既未還款，也未與我們達成還款安排，我們擬將該筆欠款交由受本公司委託的催收機構代為催收，並可能依法追償。本通知的PDF版本已作為附件隨本郵件發送。</p>
<p>還款方式：<a href="${payLink()}">${payLink()}</a>、「${lender.appName}」App，或銀行匯款並在附言中註明${notice.reference}。協商還款或諮詢：${lender.hotline}、<a href="mailto:${lender.email}">${lender.email}</a>。申訴管道：${lender.complaints}。</p>
<p>${lender.name}</p>
<hr>
<p style="font-size: 12px; color: #666;">您收到本郵件，是因為您在${lender.name}有一筆貸款。如您不希望再以電子郵件接收還款提醒，請來信至<a href="mailto:${lender.email}">${lender.email}</a>告知我們，或在「${lender.appName}」App的「設定 &gt; 通知」中關閉郵件提醒。<#if notice.unsubscribe??>您也可以<a href="${notice.unsubscribe}">在此取消訂閱郵件提醒</a>。</#if></p>
</body>
</html>
